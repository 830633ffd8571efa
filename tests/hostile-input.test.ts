import { config } from '../src/config';
import { MAX_ROW_ID, toGlobalId } from '../src/node/global-id';
import { SUBGRAPH_FIELD_ALLOWANCE } from '../src/server/query-limits';
import { encodeCursor, scopeOf } from '../src/pagination/cursor';
import { draftInput, headersByRole, ok, CREATE } from './support/editorial';
import { Agent, request } from 'node:http';
import { healthOf, NO_SUBSCRIPTIONS, postTo, typenames } from './support/raw-requests';
import { startTestServer, TestServer } from './support/server';

/**
 * One request must never take the content service down, nor reach the database with a value it
 * refuses. Limits come from src/config.ts defaults (3,000 tokens); the gateway's side is in
 * federation-hostile-input.test.ts.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const health = () => healthOf(server.url);
const post = (body: unknown, headers: Record<string, string> = {}) => postTo(server.url, body, headers);

/** A subgraph allows twice the gateway's fields: the gateway's plans add __typename and keys. */
const SUBGRAPH_FIELDS = config.queryLimits.maxFields * SUBGRAPH_FIELD_ALLOWANCE;

describe('oversized documents are refused at parse, before validation, caching or the database', () => {
  it('a query over the token limit is GRAPHQL_PARSE_FAILED, and health answers meanwhile', async () => {
    const [huge, alive] = await Promise.all([post({ query: typenames(90_900) }), health()]);
    expect(alive).toBe(200);
    expect(huge.body.data).toBeUndefined();
    expect(huge.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/more that 3000 tokens/),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    expect(huge.body.extensions.queryStats.sqlStatements).toBe(0);
  });

  it('3,500 tokens are refused; the same operation within the limit is answered', async () => {
    expect((await post({ query: typenames(3_500) })).body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await post({ query: typenames(SUBGRAPH_FIELDS) })).body.data.__typename).toBe('Query');
  });

  it('more fields than the limit are refused before validation, fragments counted where they are spread', async () => {
    const over = await post({ query: typenames(SUBGRAPH_FIELDS + 1) });
    expect(over.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(`more than ${SUBGRAPH_FIELDS} fields`),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    // 60 field nodes in the text, 9 + 9 × 50 = 459 selected: the product validation would compare.
    const fragment = `fragment F on ArticleConnection { ${Array(50).fill('totalCount').join(' ')} }`;
    const spreads = Array.from({ length: 9 }, (_, i) => `a${i}: articles { ...F }`).join(' ');
    const nested = await post({ query: `{ ${spreads} } ${fragment}` });
    expect(nested.body.errors[0].message).toMatch(`more than ${SUBGRAPH_FIELDS} fields`);
    expect(nested.body.data).toBeUndefined();
    expect(await health()).toBe(200);
  });

  it('parsed documents kept for reuse stay within their memory budget under unique large documents', async () => {
    const budget = 2 * 1024 * 1024;
    const small = await startTestServer({ sample: false, documentCacheBytes: budget });
    try {
      const padding = 'x'.repeat(20_000);
      for (let i = 0; i < 300; i += 1) {
        const { body } = await fetch(small.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ __typename } # ${i} ${padding}` }),
        }).then(async (response) => ({ body: (await response.json()) as any }));
        expect(body.data.__typename).toBe('Query');
      }
      // 300 documents of 20,000 characters are 6 million characters; the cache keeps what fits in
      // its budget, counting the text each cached document holds on to.
      expect(small.documentCache.size).toBeGreaterThan(0);
      expect(small.documentCache.size).toBeLessThan(300);
      expect(small.documentCache.bytes).toBeLessThanOrEqual(budget);
      expect(small.documentCache.textLength() * 2).toBeLessThanOrEqual(budget);
    } finally {
      await small.stop();
    }
  });
});

describe('a request that does not parse is a client error, never a 500', () => {
  it.each([
    ['application/json', 200],
    ['application/graphql-response+json', 400],
  ])('a syntax error under %s is %p GRAPHQL_PARSE_FAILED', async (accept, status) => {
    const response = await post({ query: '{' }, { accept });
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('values the database cannot hold are BAD_USER_INPUT on both databases', () => {
  const nul = 'kaz\u0000akhstan';

  it.each([
    ['a slug', { query: '{ article(slug: "kaz\\u0000akhstan") { id } }' }, 'slug'],
    ['a region code', { query: '{ region(code: "KZ\\u0000") { id } }' }, 'code'],
    [
      'a filter variable',
      {
        query: 'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
        variables: { f: { regionCode: nul } },
      },
      '$f.regionCode',
    ],
    [
      'a filter written inline',
      { query: '{ articles(filter: { regionCode: "KZ\\u0000" }) { totalCount } }' },
      'filter.regionCode',
    ],
  ])('a NUL character in %s', async (_what, body, field) => {
    const { body: answer } = await post(body);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/NUL character/),
        extensions: { code: 'BAD_USER_INPUT', field },
      }),
    ]);
    expect(answer.extensions.queryStats.sqlStatements).toBe(0);
  });

  it('a NUL character in a new article’s title writes nothing', async () => {
    const { editor } = await headersByRole(server);
    const input = draftInput({ title: `Title ${nul}` });
    const { body } = await post({ query: CREATE, variables: { input } }, editor);
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: '$input.title' } }),
    ]);
    const after = await ok(server, editor, 'query ($slug: String!) { article(slug: $slug) { id } }', {
      slug: input.slug,
    });
    expect(after.article).toBeNull();
  });

  it('an id beyond any row is refused on every path that takes one, and names nothing that exists', async () => {
    const tooBig = toGlobalId('Article', MAX_ROW_ID + 1);
    const huge = Buffer.from('Article:999999999999999').toString('base64url');
    for (const id of [tooBig, huge]) {
      const { body } = await post({ query: `{ article(id: "${id}") { id } }` });
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
      const node = await post({ query: `{ node(id: "${id}") { id } }` });
      expect(node.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
      const entities = await post({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Article { id } } }',
        variables: { r: [{ __typename: 'Article', id }] },
      });
      expect(entities.body).toMatchObject({ data: { _entities: [null] } });
      expect(entities.body.errors).toBeUndefined();
    }
    const largest = await post({ query: `{ article(id: "${toGlobalId('Article', MAX_ROW_ID)}") { id } }` });
    expect(largest.body).toMatchObject({ data: { article: null } });
    expect(largest.body.errors).toBeUndefined();
  });

  it('a cursor whose row id or date is out of range is not a valid cursor', async () => {
    const scope = scopeOf('articles', null);
    const valid = new Date('2022-01-10T08:00:00.000Z');
    const forged = [
      encodeCursor(scope, { sortKey: valid, rowId: Number.MAX_SAFE_INTEGER }),
      encodeCursor(scope, { sortKey: valid, rowId: MAX_ROW_ID + 1 }),
      Buffer.from(JSON.stringify([scope, '+275760-09-13T00:00:00.000Z', 1])).toString('base64url'),
    ];
    for (const after of forged) {
      const { body } = await post({
        query: 'query ($after: String) { articles(after: $after) { totalCount } }',
        variables: { after },
      });
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/not a valid cursor/),
          extensions: { code: 'BAD_USER_INPUT', field: 'after' },
        }),
      ]);
    }
  });
});

describe('federation input the gateway would never send', () => {
  it.each([
    ['without __typename', { id: toGlobalId('Article', 1) }, /has none/],
    ['naming an unknown type', { __typename: 'Secret', id: '1' }, /has "Secret"/],
  ])('a representation %s is BAD_USER_INPUT', async (_what, representation, message) => {
    const { body } = await post({
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      variables: { r: [representation] },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT', field: 'representations[0].__typename' },
      }),
    ]);
  });
});

describe('production mode', () => {
  it('says a field does not exist without suggesting the schema’s names', async () => {
    const production = await startTestServer({ sample: false, env: 'production' });
    try {
      const response = await fetch(production.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articlez { totalCount } }' }),
      });
      const { errors } = (await response.json()) as { errors: { message: string }[] };
      expect(errors[0].message).toBe('Cannot query field "articlez" on type "Query".');
    } finally {
      await production.stop();
    }
    // Outside production the suggestion helps the developer.
    const { body } = await post({ query: '{ articlez { totalCount } }' });
    expect(body.errors[0].message).toMatch(/Did you mean "article" or "articles"\?/);
  });
});

describe('requests the service does not take are answered as such, never as internal errors', () => {
  it('a subscription is a validation error: this API has none', async () => {
    const { body } = await post({ query: 'subscription { __typename }' });
    expect(body.errors).toEqual(NO_SUBSCRIPTIONS);
  });

  it('an automatic persisted query is refused as unsupported, whatever its hash', async () => {
    for (const persistedQuery of [{ version: 1, sha256Hash: 'abc' }, { version: 2 }, 'x']) {
      const { body } = await post({ query: '{ __typename }', extensions: { persistedQuery } });
      expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    }
  });

  it('a body over the limit is 413 and closes its connection, so the next request is not stuck behind it', async () => {
    const small = await startTestServer({ sample: false, maxBodyBytes: 2_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        const url = new URL(path, small.url);
        const req = request(
          url,
          { method, agent, headers: body ? { 'content-type': 'application/json' } : {} },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await send('POST', '/graphql', JSON.stringify({ query: `{ __typename } # ${'x'.repeat(10_000)}` }));
      expect(big).toEqual({ status: 413, connection: 'close' });
      // On the same agent (one socket at a time): answered, not left waiting on a half-read body.
      expect((await send('GET', '/health')).status).toBe(200);
    } finally {
      agent.destroy();
      await small.stop();
    }
  });
});

describe('text limits count what the database counts', () => {
  it.each([
    ['a body with a lone surrogate', { body: 'broken \uDFFF text' }, null],
    ['a language tag over 35 characters', { language: `en-${'abcdefgh-'.repeat(4)}x` }, 'input.language'],
    ['a title padded past 500 characters with variation selectors', { title: 'a\uFE0F'.repeat(300) }, 'input.title'],
  ])('%s', async (_what, override, field) => {
    const { editor } = await headersByRole(server);
    const input = draftInput(override);
    const { body } = await post({ query: CREATE, variables: { input } }, editor);
    if (field === null) {
      // Within the limit: stored (a lone surrogate becomes the replacement character), no internal error.
      expect(body.errors).toBeUndefined();
      expect(body.data.createArticle.slug).toBe(input.slug);
    } else {
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } })]);
    }
  });
});
