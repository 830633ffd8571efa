import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { config, DatabaseConfig } from '../../src/config';
import { createDataSource } from '../../src/data-source';
import { migrate } from '../../src/db/migrate';
import { templateDatabase, withAdminClient } from './postgres-admin';

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of the kind this test project runs on: a temporary SQLite file, or a
 * PostgreSQL database cloned from the migrated template (tests/setup/postgres-template.ts).
 * `empty`: no tables at all, for tests of the migrations themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  if (config.database.kind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `content_test_${suffix}`;
    const template = options.empty ? '' : ` TEMPLATE ${templateDatabase()}`;
    await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}${template}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const dbConfig: DatabaseConfig = { ...config.database, url: url.toString(), poolSize: 5 };
    const dataSource = createDataSource(dbConfig);
    await dataSource.initialize();
    // TypeORM finds a generated column's expression under the database's name (the search migration).
    if (!options.empty) await dataSource.query('UPDATE "typeorm_metadata" SET "database" = current_database()');
    return {
      dataSource,
      config: dbConfig,
      drop: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const path = join(tmpdir(), `content-test-${suffix}.sqlite`);
  const dbConfig: DatabaseConfig = { ...config.database, sqlitePath: path };
  const dataSource = createDataSource(dbConfig);
  if (options.empty) await dataSource.initialize();
  else await migrate(dataSource);
  return {
    dataSource,
    config: dbConfig,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    },
  };
}
