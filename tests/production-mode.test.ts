import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { getIntrospectionQuery } from 'graphql';
import { loadConfig } from '../src/config';
import { SIGNATURE_HEADER, signSubgraphRequest } from '../src/server/subgraph-signature';
import { RunningStack, startStack } from '../src/stack';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/free-port';
import { postTo } from './support/raw-requests';

/**
 * The whole stack started as production starts it (src/stack.ts from NODE_ENV=production), with
 * GraphiQL turned on explicitly (introspection, which it would turn on, kept off) and one browser
 * origin allowed: every production switch checked through HTTP, at the gateway and at each subgraph.
 */
const SECRET = randomBytes(24).toString('hex');
const ALLOWED_ORIGIN = 'https://news.example.org';
const SAMPLE = 'whats-happening-in-kazakhstan';

let database: TestDatabase;
let stack: RunningStack;
let urls: { gateway: string; content: string; engagement: string };

/** The environment of a production deployment on this test's database and free ports. */
async function productionEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const [gateway, content, engagement] = [await freePort(), await freePort(), await freePort()];
  return {
    NODE_ENV: 'production',
    SUBGRAPH_SECRET: SECRET,
    // The sample article, which production does not load by default, is what these tests read.
    SEED_SAMPLE: '1',
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(gateway),
    CONTENT_PORT: String(content),
    ENGAGEMENT_PORT: String(engagement),
    ...(database.config.kind === 'postgres'
      ? { DATABASE_URL: database.config.url! }
      : { SQLITE_PATH: database.config.sqlitePath }),
    ...extra,
  };
}

/** What Chromium and Firefox send when a page is opened. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const graphqlUrl = (port: string) => `http://127.0.0.1:${port}/graphql`;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = await productionEnv({ CORS_ORIGINS: ALLOWED_ORIGIN, GRAPHIQL: '1', INTROSPECTION: '0' });
  stack = await startStack(loadConfig(env));
  urls = {
    gateway: graphqlUrl(env.GATEWAY_PORT),
    content: graphqlUrl(env.CONTENT_PORT),
    engagement: graphqlUrl(env.ENGAGEMENT_PORT),
  };
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

/** A POST as the gateway signs it: how a subgraph's own answers are seen in a closed stack. */
const asGateway = (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  return postTo(url, text, { [SIGNATURE_HEADER]: signSubgraphRequest(SECRET, text), ...headers });
};
type Service = 'gateway' | 'content' | 'engagement';
const ask = (service: Service, body: unknown) =>
  service === 'gateway' ? postTo(urls.gateway, body) : asGateway(urls[service], body);

describe('no field suggestions anywhere', () => {
  /** Mistakes graphql-js answers with "Did you mean …?" outside production. */
  const CONTENT_MISTAKES = [
    { query: '{ articlez { totalCount } }' },
    { query: '{ articles(firts: 1) { totalCount } }' },
    { query: '{ regions(kind: COUNTR) { code } }' },
    {
      query: 'query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }',
      variables: { f: { regionCod: 'KZ' } },
    },
    { query: 'query ($k: RegionKind) { regions(kind: $k) { code } }', variables: { k: 'COUNTR' } },
    { query: 'query ($s: Strin) { __typename }' },
  ];
  const ENGAGEMENT_MISTAKES = [
    { query: '{ trendingArticlez { slug } }' },
    { query: '{ trendingArticles(firs: 1) { slug } }' },
    { query: '{ trendingArticles { engagement { viewz } } }' },
    { query: 'query ($n: In) { __typename }' },
  ];
  const cases: [Service, typeof CONTENT_MISTAKES][] = [
    ['gateway', [...CONTENT_MISTAKES, ...ENGAGEMENT_MISTAKES]],
    ['content', CONTENT_MISTAKES],
    ['engagement', ENGAGEMENT_MISTAKES],
  ];

  it.each(cases)('in the %s’s errors', async (service, mistakes) => {
    for (const mistake of mistakes) {
      const { body } = await ask(service, mistake);
      const messages: string[] = body.errors.map((error: { message: string }) => error.message);
      expect({ mistake, messages }).toEqual({ mistake, messages: expect.arrayContaining([expect.any(String)]) });
      for (const message of messages)
        expect({ mistake, message }).toEqual({
          mistake,
          message: expect.not.stringMatching(/Did you mean|Suggestion/),
        });
    }
    // What is wrong is still said.
    const { body } = await ask(service, mistakes[0]);
    expect(body.errors[0].message).toMatch(/^Cannot query field "(articlez|trendingArticlez)" on type "Query"\.$/);
  });
});

describe('introspection is off', () => {
  it.each(['gateway', 'content', 'engagement'] as const)(
    'at the %s: __schema and __type are refused',
    async (service) => {
      for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Article") { name } }']) {
        const { body } = await ask(service, { query });
        expect(body.data ?? null).toBeNull();
        expect(body.errors[0]).toMatchObject({
          message: expect.stringMatching(/introspection/i),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      }
      expect((await ask(service, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
    },
  );

  it('at the gateway, GraphiQL’s schema query is refused too', async () => {
    const { body } = await ask('gateway', { query: getIntrospectionQuery() });
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('browsers', () => {
  it('lets the configured origin call the gateway across origins, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(urls.gateway, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    // Keys are bearer headers, not cookies: no credentials are invited along.
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const post = (origin: string) =>
      fetch(urls.gateway, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    expect((await post(ALLOWED_ORIGIN)).headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);

    for (const origin of ['https://elsewhere.example.com', 'null']) {
      for (const response of [await preflight(origin), await post(origin)]) {
        expect({ origin, allowOrigin: response.headers.get('access-control-allow-origin') }).toEqual({
          origin,
          allowOrigin: null,
        });
      }
    }
  });

  const CSRF_REFUSAL = {
    errors: [
      {
        message:
          'This request could have been sent by another site’s page (a GET, or a POST as a form or text/plain): ' +
          'send it with Content-Type: application/json, or with one of the headers x-graphql-yoga-csrf, ' +
          'apollo-require-preflight, x-apollo-operation-name, graphql-preflight (any value, e.g. apollo-require-preflight: 1).',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  };

  it('refuses what another site’s page could send unseen (a plain GET, a text/plain POST), saying what to send', async () => {
    const get = `${urls.gateway}?query=${encodeURIComponent('{ __typename }')}`;
    const plain = await fetch(get);
    expect({ status: plain.status, body: await plain.json() }).toEqual({ status: 400, body: CSRF_REFUSAL });
    const text = await fetch(urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect({ status: text.status, body: await text.json() }).toEqual({ status: 400, body: CSRF_REFUSAL });

    const preflighted = await fetch(get, { headers: { 'apollo-require-preflight': '1' } });
    expect({ status: preflighted.status, body: await preflighted.json() }).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
    expect(await postTo(urls.gateway, { query: '{ __typename }' })).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('serves the GraphiQL page, when enabled, whole, with security headers that allow no other origin', async () => {
    const page = await fetch(urls.gateway, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // Its script and styles are in the page (from the project's dependencies), not fetched from a CDN.
    expect(html).toContain('renderYogaGraphiQL');
    const loads = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?([^"' >]+)/g)].map(([, url]) => url);
    expect(loads.filter((url) => !url.startsWith('data:'))).toEqual([]);
    // And no directive names an origin: only this one ('self'), inline code, data: and blob: URLs.
    const sources = csp.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1));
    expect(
      sources.filter((source) => !["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'].includes(source)),
    ).toEqual([]);
  });

  it('sends the GraphiQL page compressed, and answers 304 to a browser that has it', async () => {
    const asked = { accept: BROWSER_ACCEPT, 'accept-encoding': 'gzip, deflate' };
    const page = await fetch(urls.gateway, { headers: asked });
    const html = await page.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(Number(page.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(html) / 3);
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(urls.gateway, { headers: { ...asked, 'if-none-match': etag! } });
    expect(await again.text()).toBe('');
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(page.headers.get('content-security-policy'));
    // A client that asks for no encoding gets the page as it is.
    const plain = await fetch(urls.gateway, { headers: { accept: 'text/html', 'accept-encoding': 'identity' } });
    expect({ encoding: plain.headers.get('content-encoding'), html: await plain.text() }).toEqual({
      encoding: null,
      html,
    });
  });

  it('sends browsers from / to GraphiQL with the same security headers', async () => {
    const root = await fetch(new URL('/', urls.gateway), { headers: { accept: 'text/html' }, redirect: 'manual' });
    await root.body?.cancel();
    const page = await fetch(urls.gateway, { headers: { accept: 'text/html' } });
    await page.body?.cancel();
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphql');
    for (const header of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'])
      expect({ header, value: root.headers.get(header) }).toEqual({ header, value: page.headers.get(header) });
  });
});

describe('an unexpected error', () => {
  // Last in this file: the content service's own database loses a table it reads.
  beforeAll(() => database.dataSource.query('DROP TABLE article_region'));
  const QUERY = { query: `{ article(slug: "${SAMPLE}") { title regions { code } } }` };
  const LEAKS = /article_region|no such table|does not exist|SELECT|sqlite|postgres/i;

  it('is "Internal server error" at the content service, with the request id of its log and its response', async () => {
    const response = await fetch(urls.content, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signSubgraphRequest(SECRET, JSON.stringify(QUERY)),
        'x-request-id': 'req-production-1',
      },
      body: JSON.stringify(QUERY),
    });
    const text = await response.text();
    expect(text).not.toMatch(LEAKS);
    expect(response.headers.get('x-request-id')).toBe('req-production-1');
    expect(JSON.parse(text).errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        path: ['article', 'regions'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-production-1' },
      }),
    ]);
  });

  it('is withheld at the gateway, naming the subgraph, with the id of the response (made up by the gateway)', async () => {
    const response = await fetch(urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(QUERY),
    });
    const text = await response.text();
    expect(text).not.toMatch(LEAKS);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(text).errors).toEqual([
      expect.objectContaining({
        message: 'subgraph "content" failed',
        path: ['article', 'regions'],
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'content', requestId },
      }),
    ]);
  });
});

describe('switches a deployment turns', () => {
  /** Runs `check` on the /graphql of a production gateway of its own, on this file's subgraphs, with `switches` set. */
  async function withGateway(switches: Record<string, string>, check: (url: string) => Promise<void>) {
    const env = await productionEnv({
      SERVICES: 'gateway',
      CONTENT_SUBGRAPH_URL: urls.content,
      ENGAGEMENT_SUBGRAPH_URL: urls.engagement,
      ...switches,
    });
    const gateway = await startStack(loadConfig(env));
    try {
      await check(graphqlUrl(env.GATEWAY_PORT));
    } finally {
      await gateway.stop();
    }
  }

  it('INTROSPECTION=1 turns introspection on; GraphiQL stays off unless GRAPHIQL=1, and no page may run', async () => {
    await withGateway({ INTROSPECTION: '1' }, async (url) => {
      const introspection = await postTo(url, { query: '{ __type(name: "Article") { name } }' });
      expect(introspection).toEqual({ status: 200, body: { data: { __type: { name: 'Article' } } } });
      const schema = await postTo(url, { query: getIntrospectionQuery() });
      expect(schema.body.data.__schema.queryType.name).toBe('Query');
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      await page.body?.cancel();
      // 406: the gateway answers only GraphQL media types.
      expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 406, type: null });
      // A browser's GET also accepts */*: it is a GraphQL GET, which CSRF prevention refuses.
      const browser = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
      expect(browser.status).toBe(400);
      expect((await browser.json()).errors[0].message).toMatch(/apollo-require-preflight/);
      // Nothing the gateway sends is a page that may run.
      expect(browser.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      // Nor does the root send browsers to it.
      const root = await fetch(new URL('/', url), { headers: { accept: 'text/html' }, redirect: 'manual' });
      await root.body?.cancel();
      expect(root.status).toBe(404);
    });
  });

  it('GRAPHIQL=1 turns introspection on too, so the page has a schema', async () => {
    await withGateway({ GRAPHIQL: '1' }, async (url) => {
      const schema = await postTo(url, { query: getIntrospectionQuery() });
      expect(schema.body.data.__schema.queryType.name).toBe('Query');
    });
  });

  it('a process refuses to start in production without SUBGRAPH_SECRET, saying why', async () => {
    const { SUBGRAPH_SECRET: _secret, DATABASE_URL: _database, ...inherited } = process.env;
    const result = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      env: { ...inherited, NODE_ENV: 'production', GATEWAY_PORT: '0', CONTENT_PORT: '0', ENGAGEMENT_PORT: '0' },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'SUBGRAPH_SECRET is required in production: without it a subgraph answers anyone who reaches its port',
    );
  });
});
