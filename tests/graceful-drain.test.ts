import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { Client } from 'pg';
import { config } from '../src/config';
import { logger } from '../src/logger';
import { startTestServer } from './support/server';
import { startStackProcess, StackProcess } from './support/stack-process';

/**
 * SIGTERM under load, as a deployment does it: the process must finish what it was given, tell
 * keep-alive clients to go elsewhere, and exit 0 within its grace period. A process of its own
 * (tests/support/stack-process.ts) on SQLite; the PostgreSQL project does not repeat it, as the
 * database plays no part in it.
 */
jest.setTimeout(90_000);

const describeOnce = config.database.kind === 'sqlite' ? describe : describe.skip;

const FRONT_PAGE = JSON.stringify({ query: '{ articles(first: 3) { edges { node { slug title } } } }' });

interface Outcome {
  ok: number;
  /** A request sent and then lost: an error answer, a reset, a hang-up. */
  failed: string[];
  /** A new connection refused once the process stopped listening: nothing was sent, a client or a load balancer retries it elsewhere. */
  refused: number;
  connectionClose: number;
}

/** `connections` clients sending one request after another on keep-alive connections until told to stop. */
function steadyLoad(url: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const outcome: Outcome = { ok: 0, failed: [], refused: 0, connectionClose: 0 };
  let stopping = false;
  const once = () =>
    new Promise<'again' | 'stop'>((resolve) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => {
          if (res.headers.connection === 'close') outcome.connectionClose += 1;
          const answer = JSON.parse(body) as { errors?: { message: string }[] };
          if (res.statusCode === 200 && !answer.errors) outcome.ok += 1;
          else outcome.failed.push(`${res.statusCode} ${JSON.stringify(answer.errors)}`);
          resolve('again');
        });
        res.on('error', (error) => {
          outcome.failed.push(`response: ${error.message}`);
          resolve('again');
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') {
          outcome.refused += 1;
          resolve('stop');
        } else {
          outcome.failed.push(`request: ${error.code ?? error.message}`);
          resolve('again');
        }
      });
      req.end(FRONT_PAGE);
    });
  const workers = Array.from({ length: connections }, async () => {
    while (!stopping && (await once()) === 'again');
  });
  return {
    outcome,
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
      agent.destroy();
    },
  };
}

describeOnce('SIGTERM', () => {
  let stack: StackProcess | undefined;
  afterEach(() => stack?.cleanUp());

  it('during a steady load on the gateway: no request fails, keep-alive clients are told to close, the process exits 0', async () => {
    stack = await startStackProcess({ SHUTDOWN_GRACE_MS: '8000' });
    const load = steadyLoad(stack.gatewayUrl, 16);
    // Under way before the signal: every connection busy, each request right after the last.
    while (load.outcome.ok < 200) await new Promise((resolve) => setTimeout(resolve, 20));

    stack.child.kill('SIGTERM');
    const { code } = await stack.exited;
    await load.stop();

    expect(load.outcome.failed).toEqual([]);
    expect(code).toBe(0);
    // Each of the 16 connections was answered with Connection: close (not cut), then refused anew.
    expect(load.outcome.connectionClose).toBeGreaterThanOrEqual(1);
    expect(load.outcome.refused).toBeGreaterThanOrEqual(1);
    const said = stack.logLines.map((line) => line.msg);
    expect(said).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });

  it('exits when the grace period ends, even while a client holds a request open', async () => {
    const graceMs = 3000;
    stack = await startStackProcess({ SHUTDOWN_GRACE_MS: String(graceMs) });
    // A client that sent half a request and went quiet keeps its connection busy for ever.
    const { port } = new URL(stack.gatewayUrl);
    const slow = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"que',
    );
    slow.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalled = Date.now();
    stack.child.kill('SIGTERM');
    const { code } = await stack.exited;
    const tookMs = Date.now() - signalled;
    slow.destroy();

    expect(code).toBe(0);
    // Not a speed check: the bound is the configured grace period, which the process must not
    // outlive (without the cut-off it never exits at all), plus time to close the database.
    expect(tookMs).toBeGreaterThanOrEqual(graceMs - 100);
    expect(tookMs).toBeLessThan(graceMs + 5000);
    // The operator learns that a request was cut, and on which service.
    expect(stack.logLines).toContainEqual(
      expect.objectContaining({
        service: 'gateway',
        msg: 'shutdown grace period over: closing the connections still open',
      }),
    );
  });

  it('says not ready from the moment it starts draining, while it still answers', async () => {
    stack = await startStackProcess({ SHUTDOWN_GRACE_MS: '3000' });
    const { port } = new URL(stack.gatewayUrl);
    // An open request keeps the gateway draining long enough to ask it about its readiness on a
    // connection it already had.
    const slow = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{');
    slow.on('error', () => undefined);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ready = () =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) =>
        request(`http://127.0.0.1:${port}/health/ready`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        })
          .on('error', reject)
          .end(),
      );
    expect((await ready()).status).toBe(200);
    stack.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ready()).toEqual({ status: 503, connection: 'close' });
    await stack.exited;
    slow.destroy();
    agent.destroy();
  });
});

/**
 * A request whose client hung up (the gateway stopping, a load balancer's timeout) still runs to
 * its end: its connection is gone, so draining used to end at once and the database closed under
 * it. A table lock from another session holds the request inside its execution (PostgreSQL: on
 * SQLite a read cannot be held).
 */
(config.database.kind === 'postgres' ? describe : describe.skip)('draining the content service', () => {
  it('waits for a request still running after its client hung up, and only then closes the database', async () => {
    const server = await startTestServer();
    const locker = new Client({ connectionString: server.database.config.url });
    await locker.connect();
    const errors = jest.spyOn(logger, 'error');
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE article IN ACCESS EXCLUSIVE MODE');
      const client = new AbortController();
      const request = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles(first: 1) { totalCount } }' }),
        signal: client.signal,
      }).catch(() => 'hung up');
      await untilWaitingOnALock(locker);
      client.abort();
      expect(await request).toBe('hung up');

      let stopped = false;
      const stopping = server.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stopped).toBe(false);
      await locker.query('COMMIT');
      // Before the test database is dropped with its sessions.
      await locker.end();
      await stopping;
      expect(errors.mock.calls.map((call) => call[1])).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });
});

async function untilWaitingOnALock(locker: Client): Promise<void> {
  for (;;) {
    const { rows } = await locker.query<{ waiting: string }>(
      'SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())',
    );
    if (Number(rows[0].waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
