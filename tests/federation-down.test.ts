import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FederatedStack, startFederatedStack } from './support/federation';

/**
 * A subgraph failing while the gateway runs: the gateway answers what the others can, names the
 * missing subgraph in a stable error, shows nothing about the request it sent, and keeps serving.
 */
const QUERY = /* GraphQL */ `
  {
    article(slug: "whats-happening-in-kazakhstan") {
      title
      regions {
        code
        followers
      }
      engagement {
        views
      }
      readingTimeMinutes
    }
    trendingArticles(first: 3) {
      slug
    }
  }
`;

const expectNoRequestDetail = (errors: unknown) => {
  const text = JSON.stringify(errors);
  for (const leak of ['http://', '127.0.0.1', '_entities', 'representations', 'ECONNREFUSED', 'query']) {
    expect(text).not.toContain(leak);
  }
};

describe('the engagement subgraph goes down mid-run', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack();
  });
  afterAll(() => stack?.stop());

  it('answers the content fields, with one error per missing field naming the subgraph', async () => {
    const before = await stack.query(QUERY);
    expect(before.errors).toBeUndefined();
    expect(before.data!.article.engagement.views).toBeGreaterThan(0);

    await stack.stopEngagement();

    const { data, errors } = await stack.query(QUERY);
    expect(data!.article.title).toBe('What’s happening in Kazakhstan?');
    expect(data!.article.regions.map((region: any) => region.code)).toEqual(
      before.data!.article.regions.map((region: any) => region.code),
    );
    expect(data!.article.regions.every((region: any) => region.followers === null)).toBe(true);
    expect(data!.article.engagement).toBeNull();
    expect(data!.article.readingTimeMinutes).toBeNull();
    expect(data!.trendingArticles).toBeNull();

    const unavailable = { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'engagement', reason: 'unreachable' };
    expect(errors!.map((error) => [error.message, error.path?.join('.')])).toEqual(
      expect.arrayContaining([
        ['subgraph "engagement" is unavailable', 'trendingArticles'],
        ['subgraph "engagement" is unavailable', 'article.engagement'],
        ['subgraph "engagement" is unavailable', 'article.regions.followers'],
      ]),
    );
    for (const error of errors!) expect(error.extensions).toEqual(unavailable);
    expectNoRequestDetail(errors);
  });

  it('keeps serving: content-only queries answer cleanly and /health is ok', async () => {
    const { data, errors } = await stack.query(`{ article(slug: "whats-happening-in-kazakhstan") { title } }`);
    expect(errors).toBeUndefined();
    expect(data!.article.title).toBeTruthy();
    const health = await fetch(stack.gateway.url.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
  });
});

describe('a subgraph slower than its timeout', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack({ timeoutMs: { engagement: 200 } });
  });
  afterAll(() => stack?.stop());

  it('is reported unavailable by name (reason timeout) without its URL or the query sent to it', async () => {
    stack.proxies.engagement.delayMs = 2_000;
    const { data, errors } = await stack.query(QUERY);
    stack.proxies.engagement.delayMs = 0;
    expect(data!.article.title).toBeTruthy();
    expect(data!.article.engagement).toBeNull();
    expect(errors!.length).toBeGreaterThan(0);
    for (const error of errors!) {
      expect(error.message).toBe('subgraph "engagement" is unavailable');
      expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'engagement', reason: 'timeout' });
    }
    expectNoRequestDetail(errors);
  });
});

describe('the content subgraph goes down', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack();
  });
  afterAll(() => stack?.stop());

  it('leaves the engagement fields it can answer, and names content', async () => {
    await stack.proxies.content.stop();
    const { data, errors } = await stack.query(`{
      article(slug: "whats-happening-in-kazakhstan") { title }
      trendingArticles(first: 3) { slug }
    }`);
    expect(data!.article).toBeNull();
    expect(data!.trendingArticles).toEqual([{ slug: 'whats-happening-in-kazakhstan' }]);
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      message: 'subgraph "content" is unavailable',
      path: ['article'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'content' },
    });
    expectNoRequestDetail(errors);
  });
});

describe('in development, composed from the running subgraphs and polled', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack({ introspect: { pollIntervalMs: 500 } });
  });
  afterAll(() => stack?.stop());

  it('keeps serving the last good supergraph when a poll cannot reach a subgraph', async () => {
    const before = await stack.query(QUERY);
    expect(before.errors).toBeUndefined();
    await stack.stopEngagement();
    // Past the polling interval, two requests: the first starts a re-composition (which fails), the
    // second is served after it.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await stack.query(QUERY);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { data, errors } = await stack.query(QUERY);
    expect(data!.article.title).toBe('What’s happening in Kazakhstan?');
    expect(data!.article.engagement).toBeNull();
    expect(new Set(errors!.map((error) => error.extensions!.serviceName))).toEqual(new Set(['engagement']));
    // The composer's `_service { sdl }` requests are the ones without a request id: one at start,
    // at least one more from the poll that failed.
    const compositions = stack.proxies.engagement.seen.filter((headers) => !headers['x-request-id']);
    expect(compositions.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a subgraph answering an error without a code', () => {
  let stack: FederatedStack;
  let impostor: Server;
  beforeAll(async () => {
    // Answers every request like a careless subgraph: an internal detail in an uncoded error.
    impostor = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ data: { trendingArticles: null }, errors: [{ message: 'pool at 10.1.2.3 exhausted' }] }),
      );
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const { port } = impostor.address() as AddressInfo;
    stack = await startFederatedStack({ engagementUpstream: `http://127.0.0.1:${port}/graphql` });
  });
  afterAll(async () => {
    await stack?.stop();
    impostor?.close();
  });

  it('withholds its message but names the subgraph', async () => {
    const { data, errors } = await stack.query(
      `{ trendingArticles { slug } article(slug: "whats-happening-in-kazakhstan") { title } }`,
    );
    expect(data!.trendingArticles).toBeNull();
    expect(data!.article.title).toBeTruthy();
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'subgraph "engagement" failed',
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'engagement' },
      }),
    ]);
    expect(JSON.stringify(errors)).not.toContain('10.1.2.3');
  });
});
