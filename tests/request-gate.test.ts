import { Client } from 'pg';
import { config } from '../src/config';
import { startTestServer, TestServer } from './support/server';

/**
 * Admission control (src/server/request-gate.ts), seen from a client: with one execution at a time
 * and one waiting, a third request is turned away at once with 503 and Retry-After, and the waiting
 * one runs when the slot frees. A request is held inside its execution by a table lock taken from
 * another session, so the test does not depend on timing. PostgreSQL only: SQLite's reads are
 * synchronous, so on SQLite the process runs one statement at a time whatever the gate says.
 */
const onPostgres = config.database.kind === 'postgres';
if (!onPostgres) console.info('request-gate.test.ts: skipped on SQLite; set TEST_DATABASE_URL to run it on PostgreSQL');

const COUNT = '{ articles(first: 1) { totalCount } }';

(onPostgres ? describe : describe.skip)('a content service at capacity', () => {
  let server: TestServer;
  let locker: Client;
  beforeAll(async () => {
    server = await startTestServer({ concurrency: { limit: 1, maxWaiting: 1 } });
    locker = new Client({ connectionString: server.database.config.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await server?.stop();
  });

  const post = (signal?: AbortSignal) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: COUNT }),
      signal,
    });

  async function untilBlockedOnTheLock(): Promise<void> {
    for (;;) {
      const { rows } = await locker.query<{ waiting: string }>(
        'SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())',
      );
      if (Number(rows[0].waiting) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('runs one, queues one, turns the next away with 503, then answers the queued one', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE article IN ACCESS EXCLUSIVE MODE');
    const running = post();
    await untilBlockedOnTheLock();

    const second = post();
    const third = post();
    const rejected = await Promise.race([second, third]);
    expect(rejected.status).toBe(503);
    expect(rejected.headers.get('retry-after')).toBe('1');
    expect(await rejected.json()).toEqual({
      errors: [
        {
          message: 'The service is at capacity and its queue is full; retry in a moment.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ],
    });

    await locker.query('COMMIT');
    const queued = rejected === (await second) ? third : second;
    for (const response of [await running, await queued]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ data: { articles: { totalCount: 1 } } });
    }
  });

  it('drops a queued request whose client hung up, freeing its place in the queue', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE article IN ACCESS EXCLUSIVE MODE');
    const running = post();
    await untilBlockedOnTheLock();

    // Of two more, one is queued and the other turned away: the queue (of one) is then full.
    const clients = [new AbortController(), new AbortController()];
    const pending = clients.map((client) => post(client.signal).then((response) => ({ client, response })));
    const { client: turnedAway, response } = await Promise.race(pending);
    expect(response.status).toBe(503);
    const queuedClient = clients.find((client) => client !== turnedAway)!;
    queuedClient.abort();
    await expect(pending[clients.indexOf(queuedClient)]).rejects.toThrow();

    // Once the server has seen the hang-up, a new request takes the freed place instead of a 503:
    // it is still waiting after 200 ms rather than turned away.
    let queued: Promise<Response>;
    for (;;) {
      const attempt = post();
      const early = await Promise.race([attempt, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
      if (early === null) {
        queued = attempt;
        break;
      }
      expect(early.status).toBe(503);
    }
    await locker.query('COMMIT');
    expect((await running).status).toBe(200);
    expect((await queued).status).toBe(200);
  });

  it('serves again once the load has passed', async () => {
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((response) => response.status)).toEqual([200, 200]);
  });
});
