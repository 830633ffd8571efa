import { config } from '../src/config';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startGeneratedServer } from './support/generated';
import { scrapeMetrics } from './support/metrics';
import { startTestServer, TestServer } from './support/server';

const SLUG = 'whats-happening-in-kazakhstan';
const ARTICLE_PAGE = `query ArticlePage { article(slug: "${SLUG}") { title readingTimeMinutes engagement { views } } }`;

describe('/metrics on every service of the stack', () => {
  let stack: FederatedStack;
  const urls = () => ({
    gateway: stack.gateway.url,
    content: stack.content.url,
    // The recording proxy passes every path on to the engagement subgraph.
    engagement: stack.proxies.engagement.url,
  });

  beforeAll(async () => {
    stack = await startFederatedStack();
  });
  afterAll(() => stack.stop());

  it('answers Prometheus text on each service, every series labelled with that service, with Node process metrics', async () => {
    for (const [service, url] of Object.entries(urls())) {
      const scrape = await scrapeMetrics(url);
      expect(scrape.status).toBe(200);
      expect(scrape.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(scrape.samples.length).toBeGreaterThan(0);
      expect(new Set(scrape.samples.map((sample) => sample.labels.service))).toEqual(new Set([service]));
      expect(scrape.value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(scrape.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    }
  });

  it('counts a request and its latency under its operation name at the gateway and at each subgraph it reached', async () => {
    const before = await Promise.all(Object.values(urls()).map(scrapeMetrics));
    const response = await stack.query(ARTICLE_PAGE);
    expect(response.errors).toBeUndefined();
    const after = await Promise.all(Object.values(urls()).map(scrapeMetrics));
    const operation = { operation: 'ArticlePage' };
    for (const [index, scrape] of after.entries()) {
      expect(
        scrape.value('graphql_requests_total', operation) - before[index].value('graphql_requests_total', operation),
      ).toBe(1);
      const timed = (s: typeof scrape) => s.value('graphql_request_duration_seconds_count', operation);
      expect(timed(scrape) - timed(before[index])).toBe(1);
      expect(scrape.labelValues('graphql_errors_total', 'operation').has('ArticlePage')).toBe(false);
    }
  });

  it('counts an error under its operation name and the code the client got, at the gateway and at content', async () => {
    const query = 'query TooLong { articles(first: 1000) { totalCount } }';
    const errorsOf = async (url: string) =>
      (await scrapeMetrics(url)).value('graphql_errors_total', { operation: 'TooLong', code: 'BAD_USER_INPUT' });
    const before = [await errorsOf(urls().gateway), await errorsOf(urls().content)];
    const response = await stack.query(query);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect([await errorsOf(urls().gateway), await errorsOf(urls().content)]).toEqual(before.map((count) => count + 1));
  });

  it('times the gateway’s requests to each subgraph and counts their errors per subgraph', async () => {
    const requestsTo = async (subgraph: string) =>
      (await scrapeMetrics(urls().gateway)).value('graphql_gateway_subgraph_request_duration_seconds_count', {
        subgraph,
      });
    const before = { content: await requestsTo('content'), engagement: await requestsTo('engagement') };
    const response = await stack.query(ARTICLE_PAGE);
    // The gateway reports what it sent to each subgraph (QUERY_STATS is on in tests).
    const { subgraphs: sent } = response.extensions!.queryStats as unknown as {
      subgraphs: Record<string, { requests: number }>;
    };
    expect(await requestsTo('content')).toBe(before.content + sent.content.requests);
    expect(await requestsTo('engagement')).toBe(before.engagement + sent.engagement.requests);

    await stack.stopEngagement();
    const gatewayBefore = await scrapeMetrics(urls().gateway);
    const down = await stack.query(`query Engagement { article(slug: "${SLUG}") { title engagement { views } } }`);
    expect(down.errors?.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    const gatewayAfter = await scrapeMetrics(urls().gateway);
    const delta = (name: string, labels: Record<string, string>) =>
      gatewayAfter.value(name, labels) - gatewayBefore.value(name, labels);
    expect(delta('graphql_gateway_subgraph_errors_total', { subgraph: 'engagement' })).toBe(1);
    expect(delta('graphql_gateway_subgraph_errors_total', { subgraph: 'content' })).toBe(0);
    expect(delta('graphql_errors_total', { operation: 'Engagement', code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
  });
});

describe('the gateway with GATEWAY_METRICS_PORT', () => {
  it('serves /metrics on that port only, not on the public one', async () => {
    const stack = await startFederatedStack({ gateway: { metricsPort: 0 } });
    try {
      await stack.query('query Front { articles(first: 1) { totalCount } }');
      const publicPort = await fetch(new URL('/metrics', stack.gateway.url));
      expect(publicPort.status).toBe(404);
      expect(await publicPort.text()).not.toMatch(/graphql_requests_total/);
      const internal = await scrapeMetrics(`http://127.0.0.1:${stack.gateway.metricsPort}/graphql`);
      expect(internal.status).toBe(200);
      expect(internal.value('graphql_requests_total', { operation: 'Front' })).toBe(1);
    } finally {
      await stack.stop();
    }
  });
});

describe('/metrics on the content service', () => {
  let server: TestServer;
  let gated: TestServer;

  beforeAll(async () => {
    ({ server } = await startGeneratedServer());
    gated = await startTestServer({ sample: false, concurrency: { limit: 3, maxWaiting: 7 } });
  });
  afterAll(async () => {
    await server.stop();
    await gated.stop();
  });

  it('observes the SQL statements of each request and the size of each DataLoader batch', async () => {
    const query = `query FrontPage {
      articles(first: 20) { edges { node { title sources { name } photos { creditLine } regions { name parent { name } } } } }
    }`;
    const before = await scrapeMetrics(server.url);
    const response = await server.query(query);
    const after = await scrapeMetrics(server.url);
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);

    const operation = { operation: 'FrontPage' };
    expect(delta('graphql_request_sql_statements_count', operation)).toBe(1);
    expect(delta('graphql_request_sql_statements_sum', operation)).toBe(response.extensions!.queryStats!.sqlStatements);
    // One batch per relation for the whole page: its size is the number of articles.
    const articles = response.data!.articles.edges.length;
    expect(articles).toBe(20);
    for (const loader of ['article.citations', 'article.photos', 'article.regions']) {
      expect(delta('dataloader_batch_size_count', { loader })).toBe(1);
      expect(delta('dataloader_batch_size_sum', { loader })).toBe(articles);
    }
  });

  it('labels an operation without a name as anonymous', async () => {
    const count = async () =>
      (await scrapeMetrics(server.url)).value('graphql_requests_total', { operation: '(anonymous)' });
    const before = await count();
    await server.query('{ __typename }');
    expect(await count()).toBe(before + 1);
  });

  it('counts a request refused before it started, a bad API key, with its code and without a latency', async () => {
    const before = await scrapeMetrics(server.url);
    const response = await server.query('query Refused { __typename }', undefined, {
      authorization: 'Bearer cgk_unknown',
    });
    expect(response.status).toBe(401);
    const after = await scrapeMetrics(server.url);
    const anonymous = { operation: '(anonymous)' };
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('graphql_requests_total', anonymous)).toBe(1);
    expect(delta('graphql_errors_total', { ...anonymous, code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('graphql_request_duration_seconds_count', anonymous)).toBe(0);
  });

  it('keeps at most 100 operation names as labels and counts the rest under (other), whatever clients send', async () => {
    const named = (labels: Set<string>) => [...labels].filter((label) => !label.startsWith('('));
    const kept = named((await scrapeMetrics(server.url)).labelValues('graphql_requests_total', 'operation')).length;
    const flood = 150;
    for (let i = 0; i < flood; i += 1) {
      const response = await server.query(`query Flood${i} { __typename }`);
      expect(response.errors).toBeUndefined();
    }
    const scrape = await scrapeMetrics(server.url);
    for (const metric of [
      'graphql_requests_total',
      'graphql_request_duration_seconds_count',
      'graphql_request_sql_statements_count',
    ]) {
      expect(named(scrape.labelValues(metric, 'operation'))).toHaveLength(100);
    }
    expect(scrape.value('graphql_requests_total', { operation: '(other)' })).toBe(flood - (100 - kept));
    // A name kept before the flood keeps its own series.
    const frontPage = scrape.value('graphql_requests_total', { operation: 'FrontPage' });
    await server.query('query FrontPage { __typename }');
    expect((await scrapeMetrics(server.url)).value('graphql_requests_total', { operation: 'FrontPage' })).toBe(
      frontPage + 1,
    );
  });

  it('reads the PostgreSQL pool when scraped (SQLite has none)', async () => {
    const scrape = await scrapeMetrics(server.url);
    const pool = { pool: 'primary' };
    if (config.database.kind === 'postgres') {
      expect(scrape.value('db_pool_connections', pool)).toBeGreaterThan(0);
      expect(scrape.value('db_pool_idle_connections', pool)).toBeLessThanOrEqual(
        scrape.value('db_pool_connections', pool),
      );
      expect(scrape.value('db_pool_waiting_queries', pool)).toBe(0);
    } else {
      expect(scrape.samples.filter((sample) => sample.name.startsWith('db_pool_'))).toEqual([]);
    }
  });

  it('reads the request gate when scraped: executions running and waiting', async () => {
    await gated.query('{ __typename }');
    const scrape = await scrapeMetrics(gated.url);
    expect(scrape.value('request_gate_running')).toBe(0);
    expect(scrape.value('request_gate_waiting')).toBe(0);
    expect(scrape.samples.some((sample) => sample.name === 'request_gate_waiting')).toBe(true);
  });
});
