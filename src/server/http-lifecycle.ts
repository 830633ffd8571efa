import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import { sendJson } from './apollo-http';

/**
 * The shutdown and health of one node:http server, the same for every service.
 *
 * Draining (on SIGTERM): the server reports not-ready, stops listening, closes its idle keep-alive
 * connections, and answers every request still in flight, or arriving on a connection already
 * open, with `Connection: close`, so clients move to another instance after their answer instead of
 * losing a request. Connections still busy when the grace period ends are closed.
 *
 * Written here rather than taken from a library: Node (18.2+) closes idle and all connections
 * itself; what is missing is the `Connection: close` on busy keep-alive connections (Node keeps
 * serving them after `close()`, so a server under steady load never exited), which is a dozen
 * lines. http-terminator does this too, but drags in a logger and polling for what `close()`'s
 * callback already tells.
 */
/** Starts `server` listening; rejects when the port cannot be had. */
export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** How long idle keep-alive connections stay open when a drain starts; see drain(). */
const IDLE_LINGER_MS = 1_000;

export class HttpLifecycle {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly server: Server,
    /** Told when the grace period ends with requests still open, which are then cut. */
    private readonly log: { warn(details: object, message: string): void },
  ) {
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      if (this.draining) res.setHeader('connection', 'close');
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
    });
  }

  /**
   * Counts `work` (a request's handling) as running until it settles: a drain waits for it even
   * when its client has hung up, so the database is never closed under a request still using it.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Answers `/health/live` (the process answers) and `/health/ready` (`ready()` says why not, or
   * null when ready; never ready while draining). False for any other path.
   */
  health(path: string, res: ServerResponse, ready: () => Promise<string | null>): boolean {
    if (path === '/health/live') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (path !== '/health/ready') return false;
    const reason = this.draining ? Promise.resolve('shutting down') : ready();
    void reason.then(
      (why) => sendJson(res, why ? 503 : 200, why ? { status: 'unavailable', reason: why } : { status: 'ok' }),
      () => sendJson(res, 503, { status: 'unavailable', reason: 'readiness check failed' }),
    );
    return true;
  }

  /**
   * Drains as described above; resolves once every connection is closed, by `deadline` (epoch ms)
   * at the latest. With a deadline (a SIGTERM), idle keep-alive connections first stay open for
   * IDLE_LINGER_MS (a quarter of the time left at most), because a client may be writing its next
   * request on one at this very moment and would meet a reset; what arrives meanwhile is answered
   * with `Connection: close`. Without one (tests, a failed start), they are closed at once.
   */
  async drain(deadline?: number): Promise<void> {
    const lingerMs = deadline === undefined ? 0 : Math.min(IDLE_LINGER_MS, (deadline - Date.now()) / 4);
    deadline ??= Date.now() + 10_000;
    if (!this.draining) {
      this.draining = true;
      for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    }
    if (!this.server.listening) return;
    // net.Server's close stops listening and waits for every connection; http.Server's own close
    // would also close the idle ones at once, which is what lingering puts off.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    const linger = setTimeout(() => this.server.closeIdleConnections(), Math.min(lingerMs, deadline - Date.now()));
    const cutOff = setTimeout(
      () => {
        this.log.warn(
          { requestsOpen: this.inFlight.size },
          'shutdown grace period over: closing the connections still open',
        );
        this.server.closeAllConnections();
      },
      Math.max(0, deadline - Date.now()),
    );
    const timeLeft = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref());
    await closed;
    clearTimeout(linger);
    clearTimeout(cutOff);
    await Promise.race([Promise.allSettled([...this.running]), timeLeft]);
  }
}
