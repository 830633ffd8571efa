import Database from 'better-sqlite3';
import { Client } from 'pg';
import { config } from '../src/config';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
import { logger } from '../src/logger';
import { headersByRole } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { PrivatePrimary, startPrivatePostgres } from './support/private-postgres';
import { createTestDatabase } from './support/database';
import { startTestServer, TestServer } from './support/server';

const FRONT_PAGE = '{ articles(first: 3) { edges { node { slug title sources { name } } } } }';

/** One request through HTTP, with what a client or a load balancer looks at. */
async function ask(url: string, query = FRONT_PAGE) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...body };
}

const readiness = async (graphqlUrl: string) => (await fetch(new URL('/health/ready', graphqlUrl))).status;

async function until<T>(what: string, attempt: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt().catch(() => null);
    if (result !== null) return result;
    if (Date.now() > giveUp) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const describePostgres = config.database.kind === 'postgres' ? describe : describe.skip;
if (config.database.kind !== 'postgres') {
  process.stderr.write('database-faults: the PostgreSQL outage runs in the postgres project only\n');
}

describePostgres("PostgreSQL goes away and comes back (a server of the test's own)", () => {
  let pg: PrivatePrimary;
  let content: TestServer;
  let stack: FederatedStack;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    await pg.withClient((client) => client.query('CREATE DATABASE content'));
    const dbConfig = { ...config.database, url: pg.url('content'), poolSize: 4, connectTimeoutMs: 2_000 };
    const dataSource = createDataSource(dbConfig);
    await migrate(dataSource);
    content = await startTestServer({
      database: {
        dataSource,
        config: dbConfig,
        drop: async () => {
          if (dataSource.isInitialized) await dataSource.destroy();
        },
      },
    });
    stack = await startFederatedStack({ content });
  });

  afterAll(async () => {
    await stack?.stop();
    await pg?.destroy();
  });

  it('answers SERVICE_UNAVAILABLE with 503 and Retry-After during the outage, logs it once, and recovers by itself', async () => {
    expect((await ask(stack.gateway.url)).errors).toBeUndefined();
    expect(await readiness(content.url)).toBe(200);
    expect(await readiness(stack.gateway.url)).toBe(200);

    const errorLog = jest.spyOn(logger, 'error');
    await pg.stop();

    // Every request during the outage, at the gateway and at the subgraph, says the same thing.
    const during = await Promise.all([
      ...Array.from({ length: 10 }, () => ask(stack.gateway.url)),
      ...Array.from({ length: 10 }, () => ask(content.url)),
    ]);
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(answer.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.errors?.[0].message).toMatch(/database is unreachable/);
    }
    expect(await readiness(content.url)).toBe(503);
    // The gateway reuses a readiness answer for a second: it turns within a few.
    await until('gateway not ready', async () => ((await readiness(stack.gateway.url)) === 503 ? true : null), 5_000);
    // The liveness probe must not restart a process that only waits for its database.
    expect((await fetch(new URL('/health/live', content.url))).status).toBe(200);

    const logged = errorLog.mock.calls.map((call) => String(call[1] ?? call[0]));
    expect(logged.filter((message) => /database unreachable/.test(message))).toHaveLength(1);
    expect(logged.filter((message) => /unexpected error/.test(message))).toEqual([]);
    errorLog.mockRestore();

    await pg.start();
    await until('the first success after the database is back', async () =>
      (await ask(stack.gateway.url)).errors ? null : true,
    );
    const after = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(i % 2 ? content.url : stack.gateway.url)));
    expect(after.filter((answer) => answer.status !== 200 || answer.errors)).toEqual([]);
    expect(await readiness(content.url)).toBe(200);
    await until('gateway readiness', async () => ((await readiness(stack.gateway.url)) === 200 ? true : null), 5_000);
  });
});

const describeSqlite = config.database.kind === 'sqlite' ? describe : describe.skip;

describeSqlite('a SQLite file locked by another process', () => {
  let content: TestServer;

  beforeAll(async () => {
    content = await startTestServer();
  });
  afterAll(() => content?.stop());

  it('keeps answering reads and refuses a write with SERVICE_UNAVAILABLE saying the database is locked', async () => {
    const { editor } = await headersByRole(content);
    const other = new Database(content.database.config.sqlitePath);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    const warnings = jest.spyOn(logger, 'warn');
    try {
      // WAL readers do not wait for a writer.
      expect((await content.query(FRONT_PAGE)).errors).toBeUndefined();
      const write = await content.query(
        'mutation { createRegion(input: { name: "Aktau", code: "kz-aktau", kind: CITY }) { id } }',
        undefined,
        editor,
      );
      expect(write.status).toBe(503);
      expect(write.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(write.errors?.[0].message).toMatch(/locked by another process/);
      // A second refused write is not logged again: one line a minute at most tells the operator.
      await content.query(
        'mutation { createRegion(input: { name: "Aktau", code: "kz-aktau", kind: CITY }) { id } }',
        undefined,
        editor,
      );
      const busy = warnings.mock.calls.filter((call) => /database busy/.test(String(call[1])));
      expect(busy).toHaveLength(1);
    } finally {
      warnings.mockRestore();
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

describePostgres('every pooled connection in use (load, not an outage)', () => {
  it('answers that request SERVICE_UNAVAILABLE "busy", stays ready, and serves the next one', async () => {
    const shared = await createTestDatabase();
    // One connection, and a short wait for it: a request held by a table lock keeps it.
    const dbConfig = { ...shared.config, poolSize: 1, connectTimeoutMs: 300 };
    const dataSource = createDataSource(dbConfig);
    await dataSource.initialize();
    const content = await startTestServer({
      database: {
        dataSource,
        config: dbConfig,
        drop: async () => {
          if (dataSource.isInitialized) await dataSource.destroy();
          await shared.drop();
        },
      },
    });
    const locker = new Client({ connectionString: dbConfig.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE article IN ACCESS EXCLUSIVE MODE');
      const held = ask(content.url);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const waiting = await ask(content.url);
      expect(waiting.status).toBe(503);
      expect(waiting.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(waiting.errors?.[0].message).toMatch(/busy/);
      expect(await readiness(content.url)).toBe(200);
      await locker.query('COMMIT');
      expect((await held).errors).toBeUndefined();
      expect((await ask(content.url)).errors).toBeUndefined();
    } finally {
      await locker.end();
      await content.stop();
    }
  });
});
