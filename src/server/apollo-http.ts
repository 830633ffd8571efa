import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, BaseContext, ContextFunction, HeaderMap } from '@apollo/server';
import type { RequestGate } from './request-gate';

/**
 * Apollo Server on plain node:http. Written here (about forty lines) instead of pulling in Express:
 * the hot path stays free of middleware, and the caller can wrap execution (query statistics run
 * inside an AsyncLocalStorage scope that must span the whole request).
 */
export class RequestTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestTooLarge(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function handleGraphQL<C extends BaseContext>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  /** `gate` admits the execution once the body is read: a slow client never holds a slot. */
  options: { maxBodyBytes: number; context: ContextFunction<[], C>; gate?: RequestGate },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }

  let body: unknown = undefined;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof RequestTooLarge)) throw error;
      return sendJson(res, 413, {
        errors: [
          { message: `Request body is over ${options.maxBodyBytes} bytes.`, extensions: { code: 'BAD_REQUEST' } },
        ],
      });
    }
    if ((headers.get('content-type') ?? '').includes('application/json')) {
      try {
        body = text.length ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(res, 400, {
          errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
        });
      }
    } else {
      body = text;
    }
  }

  const execute = async () => {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: options.context,
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  if (!options.gate) return execute();
  // A client that hangs up while queued (a load balancer's timeout, a gateway's) is not served late.
  const hungUp = new AbortController();
  res.once('close', () => hungUp.abort());
  if ((await options.gate.run(execute, hungUp.signal)) === 'full') {
    res.setHeader('retry-after', '1');
    sendJson(res, 503, {
      errors: [
        {
          message: 'The service is at capacity and its queue is full; retry in a moment.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ],
    });
  }
}
