import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { migrations } from './migrations';
import { StatementCountingLogger } from './query-stats';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
type EntityList = (Function | EntitySchema)[];

/**
 * A function SQL can call on SQLite, registered on every connection: what its triggers need that
 * SQL cannot say (src/search's terms of a text). Deterministic: the same arguments give the same
 * answer, so SQLite may use it in triggers and indexes.
 */
export interface SqliteFunction {
  readonly name: string;
  readonly call: (...args: never[]) => unknown;
}

/** Builds (does not connect) the DataSource for the configured database and these entities. */
export function buildDataSource(
  db: DatabaseConfig,
  entities: EntityList,
  sqliteFunctions: readonly SqliteFunction[] = [],
): DataSource {
  const common = {
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn'] as ('error' | 'warn')[],
    logger: new StatementCountingLogger(['error', 'warn']),
  };
  if (db.kind === 'postgres') {
    return new DataSource({
      ...common,
      type: 'postgres',
      ...connection(db),
      poolSize: db.poolSize,
      connectTimeoutMS: db.connectTimeoutMs,
      // Passed to pg's Pool: a runaway statement is cancelled by the server, and a session left
      // idle inside a transaction (a leaked query runner) is ended instead of holding locks.
      extra: {
        statement_timeout: db.statementTimeoutMs,
        idle_in_transaction_session_timeout: db.statementTimeoutMs * 3,
        application_name: 'content-service',
      },
    });
  }
  if (db.sqlitePath !== ':memory:') mkdirSync(dirname(db.sqlitePath), { recursive: true });
  return new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: db.sqlitePath,
    // WAL lets readers go on while a writer commits; foreign keys are off by default in SQLite.
    prepareDatabase: (handle: SqliteHandle) => {
      for (const { name, call } of sqliteFunctions) handle.function(name, { deterministic: true }, call);
      handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      handle.pragma(`busy_timeout = ${db.connectTimeoutMs}`);
    },
  });
}

/** The part of better-sqlite3's connection that prepareDatabase uses. */
interface SqliteHandle {
  pragma(sql: string): unknown;
  function(name: string, options: { deterministic: boolean }, call: (...args: never[]) => unknown): unknown;
}

/**
 * The primary, or with read replicas TypeORM's replication: a pool to the primary (`master`) and
 * one to each replica (`slaves`, with the same pool options), all opened at start-up, so a replica
 * URL that does not answer then stops the service instead of sending every read to the primary
 * unnoticed. Only Db's reads use the replicas (db.ts, read-replicas.ts); TypeORM's own reads
 * (repositories, the API-key check, migrations, the seed) stay on the primary (`defaultMode`),
 * where a key revoked or created a moment ago is already what the request finds.
 */
function connection(db: DatabaseConfig) {
  if (!db.replicaUrls.length) return { url: db.url };
  return {
    replication: {
      master: { url: db.url },
      slaves: db.replicaUrls.map((url) => ({ url })),
      defaultMode: 'master' as const,
    },
  };
}
