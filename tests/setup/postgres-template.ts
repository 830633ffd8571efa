import { DataSource } from 'typeorm';
import { migrations } from '../../src/db/migrations';
import { withAdminClient } from '../support/postgres-admin';

/**
 * Once per run: a migrated template database that every test file clones (CREATE DATABASE …
 * TEMPLATE), which is much faster than migrating a database per file. Its name reaches the test
 * workers through the environment, which they inherit from this process.
 */
export default async function createTemplate(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `content_test_template_${process.pid}`;
  process.env.TEST_TEMPLATE_DATABASE = name;
  await withAdminClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  const dataSource = new DataSource({ type: 'postgres', url: target.toString(), migrations, logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
