import { createServer, IncomingHttpHeaders, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordingProxy {
  readonly url: string;
  /** Headers of every request that reached the proxy, oldest first. */
  readonly seen: IncomingHttpHeaders[];
  /** Holds each request this long before forwarding it (a slow subgraph). */
  delayMs: number;
  stop(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of a subgraph: it shows what the gateway sent (headers) and
 * can make the subgraph slow, without touching the subgraph's code.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const proxy: RecordingProxy = {
    url: '',
    seen: [],
    delayMs: 0,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    proxy.seen.push(req.headers);
    setTimeout(() => {
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          // The request's own path: /graphql, and the health checks beside it.
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    }, proxy.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (proxy as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`;
  return proxy;
}
