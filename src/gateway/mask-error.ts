import { GraphQLError } from 'graphql';

/** What a client sees when a subgraph could not be reached or did not answer in time. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Codes the gateway raises itself when a subgraph request fails (transport, timeout, bad response). */
const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT', 'DOWNSTREAM_SERVICE_ERROR']);

/** graphql-js's message when a non-null field resolved to null. */
const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field (\w+\.\w+)\.$/;

/** Extensions that carry the subgraph request or response: URLs, queries, variables. Never shown. */
const PRIVATE_EXTENSIONS = ['request', 'response', 'http', 'stacktrace', 'exception', 'originalError'];

export interface MaskedErrorLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The gateway's error policy, one function (Yoga's `maskedErrors.maskError`):
 * - a subgraph that is down or too slow becomes `subgraph "<name>" is unavailable` with code
 *   SUBGRAPH_UNAVAILABLE and `serviceName`, so a client knows which part of its answer is missing;
 * - an error a subgraph answered with (BAD_USER_INPUT, NOT_FOUND, …) passes through with its
 *   message and code, minus anything describing the subgraph request;
 * - anything else is a gateway bug: "Unexpected error." to the client, the detail to the log.
 */
export function maskGatewayError(error: unknown, genericMessage: string, log: MaskedErrorLog): Error {
  if (!(error instanceof GraphQLError)) {
    log.error({ err: error }, 'unexpected error in the gateway');
    return new GraphQLError(genericMessage, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  const extensions = { ...(error.extensions ?? {}) } as Record<string, unknown>;
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  const placement = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };

  if (serviceName && (code === undefined || TRANSPORT_CODES.has(code))) {
    log.warn({ subgraph: serviceName, code, reason: error.message, path: error.path }, 'subgraph unavailable');
    const reason = code === 'GATEWAY_TIMEOUT' ? 'timeout' : 'unreachable';
    return new GraphQLError(`subgraph "${serviceName}" is unavailable`, {
      ...placement,
      extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName, reason },
    });
  }
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    for (const name of PRIVATE_EXTENSIONS) delete extensions[name];
    return new GraphQLError(error.message, { ...placement, extensions });
  }
  const missing = code === undefined ? NON_NULL_VIOLATION.exec(error.message) : null;
  if (missing) {
    // A subgraph answered null for an entity another one listed (a draft, a deleted row): the
    // field it owns cannot be filled. Not a bug, and it names only a schema coordinate.
    return new GraphQLError(
      `${missing[1]} is not available: the subgraph that owns it returned nothing for this entity ` +
        '(it does not exist, or you may not see it).',
      { ...placement, extensions: { code: 'NOT_FOUND' } },
    );
  }
  if (code === 'INTERNAL_SERVER_ERROR' && serviceName) {
    // The subgraph already hid the detail (its own formatError); its message is safe and generic.
    return new GraphQLError(error.message, { ...placement, extensions: { code, serviceName } });
  }
  log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in the gateway');
  return new GraphQLError(genericMessage, { ...placement, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
