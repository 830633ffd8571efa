import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, BaseContext, ContextFunction, HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { RequestGate } from './request-gate';
import { SIGNATURE_HEADER, signatureFormProblem, signatureProblem } from './subgraph-signature';

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

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Errors in a well-formed request: the document does not parse or validate, or its variables do not coerce. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * The GraphQL-over-HTTP spec asks for 200 on a request error answered as `application/json` (what
 * clients that predate the spec accept; their libraries read the body only on 200), and 4xx under
 * `application/graphql-response+json`. Apollo answers 400 to both; this restores the first. A
 * request that is not well-formed (no query, a body that is not JSON, CSRF) stays 400.
 */
function legacyStatus(
  status: number,
  contentType: string | undefined,
  body: { kind: string; string?: string },
): number {
  if (status !== 400 || !contentType?.startsWith('application/json') || body.kind !== 'complete') return status;
  try {
    const { data, errors } = JSON.parse(body.string ?? '') as {
      data?: unknown;
      errors?: { extensions?: { code?: unknown } }[];
    };
    const requestErrors =
      data === undefined && errors?.length && errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)));
    return requestErrors ? 200 : status;
  } catch {
    return status;
  }
}

export async function handleGraphQL<C extends BaseContext>(
  apollo: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  /**
   * `gate` admits the execution once the body is read: a slow client never holds a slot.
   * `check` looks at the query text first (query-limits.ts fieldLimitCheck): an error it returns is
   * the answer, as a request error.
   */
  options: {
    maxBodyBytes: number;
    context: ContextFunction<[], C>;
    gate?: RequestGate;
    check?: (query: string) => GraphQLError | null;
    /** With a secret, only requests the gateway signed are answered (subgraph-signature.ts). */
    subgraphSecret?: string;
  },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }

  // A request that cannot be the gateway's (no signature, a malformed or expired one) is refused
  // before its body is read; one whose signature does not match, before its body is parsed.
  const refuseUnsigned = (problem: string) =>
    sendJson(
      res,
      403,
      {
        errors: [
          {
            message: `This subgraph answers only the gateway, and ${problem}: send requests through the gateway.`,
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      },
      // An unread body leaves the connection unable to carry another request.
      { connection: 'close' },
    );
  const secret = options.subgraphSecret;
  const signature = headers.get(SIGNATURE_HEADER);
  const unsigned = secret ? signatureFormProblem(signature) : null;
  if (unsigned) return refuseUnsigned(unsigned);

  let body: unknown = undefined;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof RequestTooLarge)) throw error;
      // The rest of the body is not read, so the connection cannot carry another request: a client
      // (the gateway's pool) that sent one next would wait for an answer that never comes.
      return sendJson(
        res,
        413,
        {
          errors: [
            { message: `Request body is over ${options.maxBodyBytes} bytes.`, extensions: { code: 'BAD_REQUEST' } },
          ],
        },
        { connection: 'close' },
      );
    }
    const mismatch = secret ? signatureProblem(secret, signature, text) : null;
    if (mismatch) return refuseUnsigned(mismatch);
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

  // A GET signs its query string.
  const getMismatch = secret && req.method !== 'POST' ? signatureProblem(secret, signature, url.search) : null;
  if (getMismatch) return refuseUnsigned(getMismatch);

  const query =
    req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
  const refused = typeof query === 'string' ? options.check?.(query) : null;
  if (refused) {
    const graphqlResponse = (headers.get('accept') ?? '').includes('application/graphql-response+json');
    // As Apollo answers a validation error: 400 under the new media type, 200 for legacy JSON clients.
    return sendJson(
      res,
      graphqlResponse ? 400 : 200,
      { errors: [{ message: refused.message, extensions: { code: refused.extensions.code } }] },
      {
        'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
      },
    );
  }

  const execute = async () => {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: options.context,
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = legacyStatus(response.status ?? 200, response.headers.get('content-type'), response.body);
    if (response.body.kind === 'complete') {
      // Encoded once: given the string, node:http measures its UTF-8 length for Content-Length and
      // then encodes it again to write it, two passes over up to megabytes per answer.
      const bytes = Buffer.from(response.body.string);
      res.setHeader('content-length', bytes.length);
      res.end(bytes);
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
