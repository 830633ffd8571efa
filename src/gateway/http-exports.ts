import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/**
 * What the gateway's downloads (the CSV of article stats, an article's ninjs) share: each runs one
 * GraphQL operation through the gateway's own pipeline with the caller's key, and answers plain
 * HTTP, its errors as text with the status their code means.
 */

/** Runs a GraphQL request body through the gateway with these headers. */
export type ExecuteOperation = (body: string, headers: Record<string, string>) => Promise<Response>;

/** HTTP status for the code of an answer's first error; the rest is the gateway's fault or a subgraph's. */
export const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OPERATION_NOT_ALLOWED: 403,
  PERSISTED_QUERY_REQUIRED: 403,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  SUBGRAPH_UNAVAILABLE: 503,
};

/** The caller's headers an operation run on its behalf carries: its key and its request id. */
export function operationHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const name of ['authorization', 'x-request-id']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

export function sendText(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const text = `${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** What a download needs of its operation's answer: the data, and the response's headers. */
export interface OperationResult<T> {
  data: T;
  headers: Headers;
}

/**
 * Runs one operation for the caller of `req` and returns its data; when there is none (the gateway
 * gave no answer, or an error), answers the caller itself, as text with the status the error's
 * code means (401 with WWW-Authenticate, 429 with the Retry-After the gateway set), and returns
 * null. `explain` may add to an error's message (which query parameter to fix).
 */
export async function runOperation<T>(
  req: IncomingMessage,
  res: ServerResponse,
  execute: ExecuteOperation,
  operation: { query: string; variables: Record<string, unknown> },
  log: Pick<Logger, 'error'>,
  explain: (message: string) => string = (message) => message,
): Promise<OperationResult<T> | null> {
  let answer: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  let response: Response;
  try {
    response = await execute(JSON.stringify(operation), operationHeaders(req));
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    log.error({ err: error, path: req.url }, 'download: the gateway gave no GraphQL answer');
    sendText(res, 502, 'The download could not be made; retry in a moment.');
    return null;
  }
  const [error] = answer.errors ?? [];
  if (error || !answer.data) {
    const status = STATUS_BY_CODE[error?.extensions?.code ?? ''] ?? 502;
    const retryAfter = response.headers.get('retry-after');
    sendText(res, status, explain(error?.message ?? 'The download could not be made; retry in a moment.'), {
      ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...(retryAfter ? { 'retry-after': retryAfter } : {}),
    });
    return null;
  }
  return { data: answer.data, headers: response.headers };
}
