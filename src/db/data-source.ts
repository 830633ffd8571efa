import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { migrations } from './migrations';
import { StatementCountingLogger } from './query-stats';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
type EntityList = (Function | EntitySchema)[];

/** Builds (does not connect) the DataSource for the configured database and these entities. */
export function buildDataSource(db: DatabaseConfig, entities: EntityList): DataSource {
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
    prepareDatabase: (handle: { pragma(sql: string): unknown }) => {
      handle.pragma('journal_mode = WAL');
      handle.pragma('foreign_keys = ON');
      handle.pragma(`busy_timeout = ${db.connectTimeoutMs}`);
    },
  });
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
