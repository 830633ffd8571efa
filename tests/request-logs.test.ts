import { config } from '../src/config';
import { createTestDatabase, TestDatabase } from './support/database';
import { StackProcess, startStackProcess } from './support/stack-process';

const ARTICLE_PAGE = `query ArticlePage {
  article(slug: "whats-happening-in-kazakhstan") { title citations { source { name } } readingTimeMinutes engagement { views } }
}`;

type LogLine = Record<string, unknown>;

interface SubgraphStats {
  requests: number;
  sqlStatements: number;
}

/**
 * The stack as `npm start` runs it, its stdout read as an operator's log collector would: one
 * client request, one id, on the gateway's log lines and on every subgraph's.
 */
describe('log lines of one request', () => {
  let stack: StackProcess;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    // On PostgreSQL, a database of this file's own (the process seeds the sample into it).
    database = config.database.kind === 'postgres' ? await createTestDatabase() : undefined;
    stack = await startStackProcess({
      // Every operation is logged as slow: one line per service and request, whatever the machine's speed.
      SLOW_OPERATION_MS: '0',
      QUERY_STATS: '1',
      // The checked-in supergraph: no composition polling, so the only requests are the test's.
      GATEWAY_SUPERGRAPH: 'file',
      // Each request of the test reaches every service, the same query too.
      RESPONSE_CACHE_TTL_S: '0',
      ...(database ? { DATABASE_URL: database.config.url! } : {}),
    });
  }, 90_000);
  afterAll(async () => {
    await stack?.cleanUp();
    await database?.drop();
  });

  /** Sends one request through the gateway and returns it with the log lines written since, once every service logged it as slow. */
  async function request(headers: Record<string, string>, query = ARTICLE_PAGE) {
    const from = stack.logLines.length;
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      extensions: { queryStats: { subgraphs: Record<string, SubgraphStats> } };
    };
    expect(body.errors).toBeUndefined();
    // Every service writes its line before it answers; reading the process's stdout may lag.
    const slow = () => stack.logLines.slice(from).filter((line) => line.msg === 'slow operation');
    for (let tries = 0; slow().length < 3 && tries < 100; tries += 1) await new Promise((r) => setTimeout(r, 50));
    return {
      requestId: response.headers.get('x-request-id'),
      subgraphs: body.extensions.queryStats.subgraphs,
      lines: stack.logLines.slice(from),
    };
  }

  const slowLine = (lines: LogLine[], service: string) =>
    lines.find((line) => line.service === service && line.msg === 'slow operation');

  it('carries the x-request-id the client chose, on the gateway and on every subgraph the request reached', async () => {
    const { requestId, lines } = await request({ 'x-request-id': 'client-chosen-42' });
    expect(requestId).toBe('client-chosen-42');
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'content', 'engagement']));
    expect(lines.filter((line) => line.requestId !== 'client-chosen-42')).toEqual([]);
  });

  it('carries the id the gateway made up when the client sent none, the one the client gets back', async () => {
    const { requestId, lines } = await request({});
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'content', 'engagement']));
    expect(lines.filter((line) => line.requestId !== requestId)).toEqual([]);
  });

  it('logs an operation that took SLOW_OPERATION_MS or longer at warn level on each service, with its name, duration and cost', async () => {
    const { lines, subgraphs } = await request({ 'x-request-id': 'slow-one' });
    const warn = 40;

    const content = slowLine(lines, 'content')!;
    expect(content).toMatchObject({ level: warn, operation: 'ArticlePage', requestId: 'slow-one' });
    expect(content.durationMs).toEqual(expect.any(Number));
    expect(content.sqlStatements).toBe(subgraphs.content.sqlStatements);

    const gateway = slowLine(lines, 'gateway')!;
    expect(gateway).toMatchObject({ level: warn, operation: 'ArticlePage', requestId: 'slow-one' });
    expect(gateway.durationMs).toEqual(expect.any(Number));
    expect(gateway.subgraphRequests).toEqual({
      content: subgraphs.content.requests,
      engagement: subgraphs.engagement.requests,
    });

    expect(slowLine(lines, 'engagement')).toMatchObject({
      level: warn,
      operation: 'ArticlePage',
      requestId: 'slow-one',
    });
  });

  it('cuts a client’s long operation name short in the log, on every service', async () => {
    const name = `Article${'Page'.repeat(20_000)}`;
    const { lines } = await request({ 'x-request-id': 'long-name' }, ARTICLE_PAGE.replace('ArticlePage', name));
    for (const service of ['gateway', 'content', 'engagement']) {
      const line = slowLine(lines, service)!;
      expect(line.operation).toBe(`${name.slice(0, 100)}…`);
    }
  });
});
