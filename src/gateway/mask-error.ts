import { GraphQLError } from 'graphql';
import { ErrorCode, RETRY_AFTER_SECONDS } from '../errors';
import { currentRequestId } from '../logger';

const SERVICE_UNAVAILABLE: string = ErrorCode.ServiceUnavailable;
import { requestFormWords } from '../server/client-words';
import { csrfRefusal } from './csrf';

/** A subgraph could not be reached, or did not answer within its timeout. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
/** A subgraph answered with an error that carried no code of its own; its message is withheld. */
export const SUBGRAPH_ERROR = 'DOWNSTREAM_SERVICE_ERROR';

/** Codes the gateway's transport sets when a subgraph request fails (connection, HTTP, timeout). */
const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT']);

/** graphql-js's message when a non-null field resolved to null. */
const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field (\w+\.\w+)\.$/;

/** Extensions that describe the subgraph request or response: URLs, queries, variables. Never shown. */
const PRIVATE_EXTENSIONS = ['request', 'response', 'http', 'stacktrace', 'exception', 'originalError'];

export interface MaskedErrorLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The gateway's error policy, one function (Yoga's `maskedErrors.maskError`). The gateway marks
 * every error that came from a subgraph with `serviceName` (and DOWNSTREAM_SERVICE_ERROR when the
 * subgraph gave no code).
 * - A subgraph down or too slow: `subgraph "<name>" is unavailable`, SUBGRAPH_UNAVAILABLE, with
 *   `serviceName`, so a client knows which part of its answer is missing.
 * - A subgraph's own coded error (BAD_USER_INPUT, UNAUTHENTICATED, …): its message and code, as
 *   that subgraph chose to tell its callers, minus what describes the subgraph request.
 * - A subgraph's uncoded or internal error: withheld, as the subgraph may not have meant it for
 *   clients; the request id it carries stays, so a report can be matched with the subgraph's log.
 * - A request the gateway refuses (CSRF, a batch, a mutation over GET): BAD_REQUEST, in words that
 *   say what to send instead.
 * - A non-null field left empty because its subgraph found no such entity: NOT_FOUND, naming it.
 * - Anything else is a gateway bug: "Internal server error" and the request's id to the client
 *   (as the subgraphs answer theirs), the detail to the log, on a line that carries the same id.
 */
export function maskGatewayError(error: unknown, log: MaskedErrorLog): Error {
  if (error instanceof SyntaxError) {
    // JSON.parse of a GET or form request's `variables` or `extensions` (Yoga's request parser).
    return new GraphQLError('The variables or extensions parameter is not valid JSON.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  if (!(error instanceof GraphQLError)) {
    log.error({ err: error }, 'unexpected error in the gateway');
    return internalError();
  }
  const extensions = { ...(error.extensions ?? {}) } as Record<string, unknown>;
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const at = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };

  if (serviceName && code && TRANSPORT_CODES.has(code)) {
    log.warn({ subgraph: serviceName, code, reason: error.message, path: error.path }, 'subgraph unavailable');
    return new GraphQLError(`subgraph "${serviceName}" is unavailable`, {
      ...at,
      extensions: {
        code: SUBGRAPH_UNAVAILABLE,
        serviceName,
        reason: code === 'GATEWAY_TIMEOUT' ? 'timeout' : 'unreachable',
      },
    });
  }
  // A subgraph's own internal error is withheld too: its message is for its operators, not clients.
  if (serviceName && (code === undefined || code === SUBGRAPH_ERROR || code === 'INTERNAL_SERVER_ERROR')) {
    log.warn({ subgraph: serviceName, reason: error.message, path: error.path }, 'subgraph error without a code');
    const requestId = typeof extensions.requestId === 'string' ? { requestId: extensions.requestId } : {};
    return new GraphQLError(`subgraph "${serviceName}" failed`, {
      ...at,
      extensions: { code: SUBGRAPH_ERROR, serviceName, ...requestId },
    });
  }
  const refusal = serviceName ? null : csrfRefusal(error);
  if (refusal) return refusal;
  if (code && (serviceName || code !== 'INTERNAL_SERVER_ERROR')) {
    // `http` on the gateway's own errors (a parse error, a body too large) sets the response status.
    for (const name of PRIVATE_EXTENSIONS) if (serviceName || name !== 'http') delete extensions[name];
    // A request that is not well-formed GraphQL over HTTP (a body that is not JSON, no query) is a
    // 400 whatever the client accepts; Yoga marks it as a GraphQL request error (200 for legacy
    // application/json clients), which the GraphQL-over-HTTP spec keeps for parse and validation errors.
    if (code === 'BAD_REQUEST' && isRecord(extensions.http)) extensions.http = { ...extensions.http, spec: false };
    // A subgraph that cannot serve now (its database is unreachable or locked) answered 503 with
    // Retry-After; so does the gateway, for load balancers and clients that retry.
    if (code === SERVICE_UNAVAILABLE) {
      extensions.http = { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
    }
    return new GraphQLError(serviceName ? error.message : requestFormWords(error.message), { ...at, extensions });
  }
  const missing = NON_NULL_VIOLATION.exec(error.message);
  if (missing) {
    // A subgraph answered null for an entity another one listed (a draft, a deleted row): the
    // field it owns cannot be filled. Not a bug, and the message names only a schema coordinate.
    return new GraphQLError(
      `${missing[1]} is not available: the subgraph that owns it returned nothing for this entity ` +
        '(it does not exist, or you may not see it).',
      { ...at, extensions: { code: 'NOT_FOUND' } },
    );
  }
  log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in the gateway');
  return internalError(at);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function internalError(at: Pick<GraphQLError, 'nodes' | 'source' | 'positions' | 'path'> | object = {}): GraphQLError {
  const requestId = currentRequestId();
  return new GraphQLError('Internal server error', {
    ...at,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  });
}
