import type { IncomingMessage, ServerResponse } from 'node:http';

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
