import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  /** The status answered; null while held, or when the sender went away before an answer. */
  answered: number | null;
}

/**
 * A partner's webhook receiver on 127.0.0.1 (an ephemeral port): records every request, answers
 * each path as told (`script`: the statuses of its next requests, then 200; `hold`: no answer until
 * released), and lets a test wait for what it expects without timing anything.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly failing = new Set<string>();
  private readonly holding = new Set<string>();
  private readonly held = new Set<ServerResponse>();
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => receiver.receive(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    return receiver;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** The next requests to `path` are answered with these statuses, in order; then 200 again. */
  script(path: string, statuses: number[]): void {
    this.scripts.set(path, [...statuses]);
  }

  /** Every request to `path` is answered 500 until `recover`. */
  fail(path: string): void {
    this.failing.add(path);
  }

  recover(path: string): void {
    this.failing.delete(path);
  }

  /** Requests to `path` get no answer (the sender waits) until `release`. */
  hold(path: string): void {
    this.holding.add(path);
  }

  release(path: string): void {
    this.holding.delete(path);
  }

  /** The requests to `path`, with their payloads parsed. */
  at(path: string): (ReceivedRequest & { payload: any })[] {
    return this.requests
      .filter((request) => request.path === path)
      .map((request) => ({ ...request, payload: JSON.parse(request.body) }));
  }

  /** Resolves once `found` returns something for the requests so far; that something. */
  async waitFor<T>(found: () => T | undefined | false): Promise<T> {
    for (;;) {
      const result = found();
      if (result) return result;
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private receive(path: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    const request: ReceivedRequest = { path, headers, body, answered: null };
    this.requests.push(request);
    if (this.holding.has(path)) {
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
    } else {
      const status = this.scripts.get(path)?.shift() ?? (this.failing.has(path) ? 500 : 200);
      request.answered = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    }
    for (const wake of [...this.waiters]) {
      this.waiters.delete(wake);
      wake();
    }
  }
}
