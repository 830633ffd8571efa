import { DataSource } from 'typeorm';
import { migrations } from '../../src/db/migrations';
import { TEMPLATE_DATABASE, withAdminClient } from '../support/postgres-admin';

/**
 * Once per run: a migrated template database that every test file clones (CREATE DATABASE …
 * TEMPLATE), which is much faster than migrating a database per file.
 */
export default async function createTemplate(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL!;
  await withAdminClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const target = new URL(url);
  target.pathname = `/${TEMPLATE_DATABASE}`;
  const dataSource = new DataSource({ type: 'postgres', url: target.toString(), migrations, logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
