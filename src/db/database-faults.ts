/**
 * Errors that say the database cannot serve right now, as opposed to a bug or a bad statement.
 * Requests that meet one are answered SERVICE_UNAVAILABLE (retry later) rather than as an internal
 * error, and a read replica that meets one is skipped for the primary.
 *
 * - `unreachable`: no connection (refused, reset, timed out, the server shutting down or starting).
 * - `busy`: SQLite's file is locked by another process past the busy timeout, or every pooled
 *   PostgreSQL connection stayed in use past the connect timeout (load, not an outage).
 * - `read-only`: SQLite's file (or its directory, for the WAL) cannot be written.
 * - `unusable`: SQLite cannot open the file, the disk is full or failing.
 */
export type DatabaseFault = 'unreachable' | 'busy' | 'read-only' | 'unusable';

/** Node's socket errors for a server that is down, not listening, or not where the URL says. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (administrator or crash
 * shutdown, cannot connect now: the server is stopping or starting), 53300 (too many connections).
 */
const POSTGRES_STATES = /^(08...|57P0[1-3]|53300)$/;

/** node-postgres reports a lost connection only in words. */
const PG_MESSAGES = [/^Connection terminated/, /is not queryable$/, /^Client was closed and is not queryable$/];

/** pg-pool's words for a wait for a free connection that outlasted the connect timeout. */
const POOL_EXHAUSTED = /^timeout exceeded when trying to connect$/;

const SQLITE_FAULTS: [RegExp, DatabaseFault][] = [
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
  [/^SQLITE_READONLY/, 'read-only'],
  [/^SQLITE_(CANTOPEN|IOERR|FULL|NOTADB|CORRUPT)/, 'unusable'],
];

/** What kind of database fault `error` (or an error it wraps) is, or null when it is none. */
export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || POSTGRES_STATES.test(code)) return 'unreachable';
    for (const [pattern, fault] of SQLITE_FAULTS) if (pattern.test(code)) return fault;
  }
  if (typeof message === 'string') {
    if (PG_MESSAGES.some((pattern) => pattern.test(message))) return 'unreachable';
    if (POOL_EXHAUSTED.test(message)) return 'busy';
  }
  // TypeORM's QueryFailedError keeps the driver's error; Node's AggregateError (a host with an IPv4
  // and an IPv6 address, both refused) keeps one per address; graphql-js keeps a thrown value that
  // is not an Error (an error from another realm, as under jest) as `thrownValue`; `cause` chains
  // the rest.
  const wrapped = error as { driverError?: unknown; cause?: unknown; errors?: unknown; thrownValue?: unknown };
  const inner = [
    wrapped.driverError,
    wrapped.thrownValue,
    wrapped.cause,
    ...(Array.isArray(wrapped.errors) ? wrapped.errors : []),
  ];
  for (const candidate of inner) {
    const fault = databaseFault(candidate, depth + 1);
    if (fault) return fault;
  }
  return null;
}
