import { config } from '../src/config';
import { getIntrospectionQuery, parse } from 'graphql';
import { selectedFields, SUBGRAPH_FIELD_ALLOWANCE } from '../src/server/query-limits';
import { EngagementStore } from '../src/subgraphs/engagement/engagement.store';
import { CREATE, draftInput, headersByRole, ok } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { healthOf, NO_SUBSCRIPTIONS, postTo, typenames } from './support/raw-requests';
import { startTestServer } from './support/server';

/** One request must never take the gateway down, and a client's mistake is answered as its own. */
let stack: FederatedStack;
beforeAll(async () => {
  stack = await startFederatedStack();
});
afterAll(() => stack?.stop());

const health = () => healthOf(stack.gateway.url);
const post = (body: string | object, headers: Record<string, string> = {}) => postTo(stack.gateway.url, body, headers);

describe('oversized requests', () => {
  it('a 1 MB query of 90,900 fields is refused at parse while health answers', async () => {
    const [huge, alive] = await Promise.all([post({ query: typenames(90_900) }), health()]);
    expect(alive).toBe(200);
    expect(huge.body.data).toBeUndefined();
    expect(huge.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/more that 3000 tokens/),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
  });

  it('3,500 tokens are refused under either media type', async () => {
    const refused = await post({ query: typenames(3_500) }, { accept: 'application/graphql-response+json' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await post({ query: typenames(3_500) })).body.errors![0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('more fields than QUERY_MAX_FIELDS are refused before validation, fragments counted where spread', async () => {
    const max = config.queryLimits.maxFields;
    expect((await post({ query: typenames(max) })).body.data.__typename).toBe('Query');
    const over = await post({ query: typenames(max + 1) }, { accept: 'application/graphql-response+json' });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(`more than ${max} fields`),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    // 35 field nodes in the text, 9 + 9 × 25 selected: what validation would compare pairwise.
    const fragment = `fragment F on ArticleConnection { ${Array(25).fill('totalCount').join(' ')} }`;
    const spreads = Array.from({ length: 9 }, (_, i) => `a${i}: articles { ...F }`).join(' ');
    const nested = await post({ query: `{ ${spreads} } ${fragment}` });
    expect(nested.body.errors![0].message).toMatch(`more than ${max} fields`);
    expect(await health()).toBe(200);
  });

  it('GraphiQL’s schema query answers, within a limit of its own that a query for data does not get', async () => {
    const introspection = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      inputValueDeprecation: true,
    });
    expect(selectedFields(parse(introspection), Infinity)).toBeGreaterThan(config.queryLimits.maxFields);
    const schema = await post({ query: introspection, operationName: 'IntrospectionQuery' });
    expect(schema.body.errors).toBeUndefined();
    expect(schema.body.data.__schema.types).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Article' })]),
    );
    // The same fields beside one that reads data: the ordinary limit.
    const mixed = await post({
      query: introspection.replace('__schema {', 'articles(first: 1) { totalCount } __schema {'),
    });
    expect(mixed.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(`more than ${config.queryLimits.maxFields} fields`),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    // Asking for a type over and over is bounded by the alias limit.
    const aliases = Array.from(
      { length: config.queryLimits.maxAliases + 1 },
      (_, i) => `t${i}: __type(name: "Article") { name }`,
    );
    const repeated = await post({ query: `{ ${aliases.join(' ')} }` });
    expect(repeated.body.data).toBeUndefined();
    expect(repeated.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/alias/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('the engagement subgraph applies the same limits when reached directly', async () => {
    const direct = async (query: string) => (await postTo(stack.proxies.engagement.url, { query })).body;
    expect((await direct(typenames(3_500))).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const over = await direct(typenames(config.queryLimits.maxFields * SUBGRAPH_FIELD_ALLOWANCE + 1));
    expect(over.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await direct('{ __typename }')).data.__typename).toBe('Query');
  });

  it('a plan that repeats a large variable per alias reaches the content service whole', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: article(slug: $s) { id }`).join(' ');
    const response = await post({ query: `query ($s: String!) { ${aliases} }`, variables: { s: 'x'.repeat(60_000) } });
    expect(response.body.errors).toBeUndefined();
    expect(Object.values(response.body.data)).toEqual(Array(30).fill(null));
    expect((await post({ query: '{ articles(first: 1) { totalCount } }' })).body.data.articles.totalCount).toBe(1);
  });

  it('a body over MAX_REQUEST_BYTES is 413, with or without a Content-Length', async () => {
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(config.maxBodyBytes)}` });
    const declared = await post(body);
    expect(declared.status).toBe(413);
    expect(declared.body.errors![0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const chunks = new Blob([body]).stream();
    const streamed = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await health()).toBe(200);
  });

  it('parsed documents kept for reuse stay within their memory budget under unique large documents', async () => {
    const budget = 2 * 1024 * 1024;
    const small = await startFederatedStack({ content: stack.content, documentCacheBytes: budget });
    try {
      const padding = 'x'.repeat(20_000);
      for (let i = 0; i < 300; i += 1) {
        const { data } = await small.query(`{ __typename } # ${i} ${padding}`);
        expect(data!.__typename).toBe('Query');
      }
      expect(small.gateway.documentCache.size).toBeGreaterThan(0);
      expect(small.gateway.documentCache.size).toBeLessThan(300);
      expect(small.gateway.documentCache.bytes).toBeLessThanOrEqual(budget);
      expect(small.gateway.documentCache.textLength() * 2).toBeLessThanOrEqual(budget);
    } finally {
      await small.stopAllButContent();
    }
  });
});

describe('a request that is not well-formed is a 400, a request error is the client’s', () => {
  it('a body that is not JSON is 400 BAD_REQUEST under application/json too', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.errors![0].extensions.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['application/json', 200],
    ['application/graphql-response+json', 400],
  ])('parse and validation errors under %s are %p', async (accept, status) => {
    for (const query of ['{', '{ articlez }']) {
      const response = await post({ query }, { accept });
      expect(response.status).toBe(status);
      expect(response.body.errors![0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
    }
  });

  const LIST = 'query ($n: Int) { articles(first: $n) { totalCount } }';
  it.each([
    ['of the wrong type', LIST, { n: 'abc' }, /Variable "\$n" got invalid value "abc"/],
    ['required and missing', 'query ($n: Int!) { articles(first: $n) { totalCount } }', {}, /"\$n" of required type/],
    [
      'with an unknown input field',
      'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
      { f: { nope: 1 } },
      /Field "nope" is not defined by type "ArticleFilter"/,
    ],
    [
      'a date that is not one',
      'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
      { f: { publishedAfter: 'yesterday' } },
      /Variable "\$f" got invalid value "yesterday" at "f.publishedAfter"/,
    ],
  ])('a variable %s is BAD_USER_INPUT naming it', async (_what, query, variables, message) => {
    const response = await post({ query, variables });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('page sizes passed as variables count in the cost as written numbers do: over QUERY_MAX_COST is refused before it runs', async () => {
    const nested = (first: string, inner: string) =>
      `articles(first: ${first}) { edges { node { id citations { source { articles(first: ${inner}) { edges { node { id title slug summary } } } } } } } }`;
    const literal = await stack.query(`{ ${nested('100', '100')} }`);
    const literalCost = /found (\d+(?:\.\d+)?)/.exec(literal.errors?.[0].message ?? '')?.[1];
    expect(literalCost).toBeDefined();
    const viaVariables = await stack.query(`query ($a: Int, $b: Int) { ${nested('$a', '$b')} }`, { a: 100, b: 100 });
    expect(viaVariables.data ?? null).toBeNull();
    expect(viaVariables.errors).toEqual([
      expect.objectContaining({
        message: `Query Cost limit of ${config.queryLimits.maxCost} exceeded, found ${literalCost}.`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    // The same operation with small pages runs.
    expect(
      (await stack.query(`query ($a: Int, $b: Int) { ${nested('$a', '$b')} }`, { a: 2, b: 2 })).errors,
    ).toBeUndefined();
  });

  it('a variable nested ten thousand levels deep is BAD_USER_INPUT', async () => {
    const nested = '{"regionCode":'.repeat(10_000) + '"x"' + '}'.repeat(10_000);
    const query = JSON.stringify('query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }');
    const response = await post(`{"query":${query},"variables":{"f":${nested}}}`);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Variable "\$f" got invalid value/),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(await health()).toBe(200);
  });

  it('a bad value written inline is BAD_USER_INPUT in the client’s words, not the gateway’s plan', async () => {
    const response = await post({ query: '{ articles(filter: { publishedAfter: "yesterday" }) { totalCount } }' });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/date-time/),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/\$filter/);
  });

  it('a NUL character is refused at the gateway, naming what the client wrote', async () => {
    const response = await post({
      query: 'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
      variables: { f: { regionCode: 'KZ\u0000' } },
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: '$f.regionCode' } }),
    ]);
  });
});

describe('requests the gateway does not take are client errors, never internal ones', () => {
  it('a subscription is a validation error: this API has none', async () => {
    const { body } = await post({ query: 'subscription { __typename }' });
    expect(body.errors).toEqual(NO_SUBSCRIPTIONS);
  });

  it('variables that are not JSON in a GET are 400 BAD_REQUEST', async () => {
    const url = `${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}&variables=%7Bx`;
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a request id no subgraph would take is replaced by one the gateway makes up', async () => {
    const from = stack.proxies.content.seen.length;
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(16_000) },
      body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.articles.totalCount).toBe(1);
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.proxies.content.seen.slice(from).map((headers) => headers['x-request-id'])).toEqual([id]);
  });

  it('a field an unpublished article cannot fill is null, not an internal error of the subgraph that needs it', async () => {
    const content = await startTestServer();
    const { editor } = await headersByRole(content);
    const draft = (await ok(content, editor, CREATE, { input: draftInput() })).createArticle;
    const store = new EngagementStore({
      articles: { [draft.slug]: { views: 1, shares: 0, comments: 0 } },
      regionFollowers: {},
    });
    const drafts = await startFederatedStack({ content, engagementStore: store });
    try {
      const { data, errors } = await drafts.query('{ trendingArticles { slug readingTimeMinutes } }');
      expect(data!.trendingArticles[0].readingTimeMinutes ?? null).toBeNull();
      expect((errors ?? []).map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(errors ?? [])).not.toMatch(/Cannot read properties/);
    } finally {
      await drafts.stop();
    }
  });
});

describe('API keys at the gateway', () => {
  const ENGAGEMENT_ONLY = '{ trendingArticles { slug engagement { views } } }';

  it('a made-up key is 401 even when the operation reaches only a subgraph that reads no keys', async () => {
    const from = stack.proxies.engagement.seen.length;
    for (const authorization of [`Bearer cgk_${'a'.repeat(43)}`, 'Bearer nonsense', 'Basic Zm9vOmJhcg==']) {
      const response = await post({ query: ENGAGEMENT_ONLY }, { authorization });
      expect(response.status).toBe(401);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(stack.proxies.engagement.seen.length).toBe(from);
  });

  it('a valid key passes, and no key is an anonymous reader', async () => {
    const { partner } = await headersByRole(stack.content);
    expect((await post({ query: ENGAGEMENT_ONLY }, partner)).status).toBe(200);
    expect((await post({ query: ENGAGEMENT_ONLY })).status).toBe(200);
  });
});

describe('load', () => {
  it('sixteen concurrent requests raise no listener-leak warning', async () => {
    const warnings: string[] = [];
    const record = (warning: Error) => warnings.push(warning.name);
    process.on('warning', record);
    try {
      const answers = await Promise.all(
        Array.from({ length: 16 }, () => stack.query('{ trendingArticles(first: 5) { slug title } }')),
      );
      expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', record);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});

describe('production mode', () => {
  it('says a field, an input field or an enum value does not exist without suggestions or a placeholder', async () => {
    const production = await startFederatedStack({ content: stack.content, env: 'production' });
    try {
      const { errors } = await production.query('{ articlez { totalCount } }');
      expect(errors![0].message).toBe('Cannot query field "articlez" on type "Query".');
      const variable = await production.query('query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }', {
        f: { regionCod: 'KZ' },
      });
      const inline = await production.query('{ regions(kind: COUNTR) { code } }');
      for (const { errors: found } of [variable, inline]) {
        expect(found).toHaveLength(1);
        expect(found![0].message).not.toMatch(/Did you mean|Suggestion/);
      }
    } finally {
      await production.stopAllButContent();
    }
  });
});
