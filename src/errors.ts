import { GraphQLError, GraphQLFormattedError, Kind, ASTNode } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { DatabaseFault } from './db/database-faults';

/** Codes a client may branch on; they travel as `extensions.code`. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  /** The service cannot answer now (its database is unreachable, locked or read-only); HTTP 503. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** An error the caller can act on. Anything else thrown is a bug and is reported as INTERNAL_SERVER_ERROR. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The argument or input field at fault, as a dotted path (`input.slug`, `first`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError(ErrorCode.BadUserInput, message, field);

/** Maps a domain error to the GraphQL error a client sees. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
  });
}

/** What a client is told when the database cannot serve its request, by fault (db/database-faults.ts). */
const FAULT_MESSAGES: Record<DatabaseFault, string> = {
  unreachable: 'The database is unreachable; retry in a moment.',
  busy: 'The database is busy (locked by another process, or every connection in use); retry in a moment.',
  'read-only':
    'The database is read-only, so this change cannot be saved; reads still work. The operator must make it writable.',
  unusable:
    'The database cannot be used (its file cannot be opened, or the disk is full or failing); the operator must fix it.',
};

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer (its Retry-After). */
export const RETRY_AFTER_SECONDS = 1;

/** The error a request gets when the database cannot serve it: SERVICE_UNAVAILABLE, answered with HTTP 503. */
export function databaseFaultError(fault: DatabaseFault): GraphQLError {
  return new GraphQLError(FAULT_MESSAGES[fault], {
    extensions: {
      code: ErrorCode.ServiceUnavailable,
      // Apollo answers an error thrown before execution (the context's API-key lookup) with this. It
      // iterates `headers` as a Map; the type says a record because Yoga's typing of `http` wins.
      http: {
        status: 503,
        headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) as unknown as Record<string, string>,
      },
    },
  });
}

/** Codes Apollo and graphql-js assign to request errors; they are safe to show as they are. */
const PUBLIC_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  ...Object.values(ErrorCode),
]);

/**
 * Apollo's `formatError`: the one place where errors become what clients see. Domain errors keep
 * their code and message; unexpected errors lose their message and stack (they go to the log via
 * `onUnexpected`), so no internal detail (SQL, file paths) ever reaches a client.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onUnexpected: (error: unknown) => void,
  /** Tells a database that cannot serve from a bug (db/database-availability.ts), counting its outages. */
  databaseFault: (error: unknown) => DatabaseFault | null = () => null,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const fault = databaseFault(original);
  if (fault) {
    const { message, extensions } = databaseFaultError(fault);
    return { message, locations: formatted.locations, path: formatted.path, extensions: { code: extensions.code } };
  }
  if (original instanceof DomainError) {
    const { extensions } = toGraphQLError(original);
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && isBadLiteralValue(error)) {
    return { ...formatted, extensions: { code: ErrorCode.BadUserInput } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code) && code !== ErrorCode.Internal) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  onUnexpected(original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal },
  };
}

const VALUE_KINDS = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * An argument written inline with a value of the wrong type (`publishedAfter: "yesterday"`) fails
 * graphql-js validation, which Apollo reports as GRAPHQL_VALIDATION_FAILED; the same value sent as
 * a variable is BAD_USER_INPUT. Clients should see one code for one mistake, so a validation error
 * reported on a literal value node is given BAD_USER_INPUT too.
 */
export function isBadLiteralValue(error: unknown): boolean {
  const nodes = (error as { nodes?: readonly ASTNode[] } | null)?.nodes;
  return Array.isArray(nodes) && nodes.length > 0 && VALUE_KINDS.has(nodes[0].kind);
}
