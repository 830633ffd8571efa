import { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { migrations } from '../src/db/migrations';
import { seedSampleIfEmpty } from '../src/seed/seed';
import { createTestDatabase } from './support/database';

/**
 * The entities are the one description of every table: a database built by the migrations must be
 * exactly what they describe, or a generated migration would be wrong and a column added to one
 * but not the other would go unnoticed.
 */
const pendingChanges = async (dataSource: DataSource): Promise<string[]> =>
  (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);

it('a migrated database is what the entities describe: TypeORM finds nothing to change', async () => {
  const database = await createTestDatabase();
  try {
    expect(await pendingChanges(database.dataSource)).toEqual([]);
  } finally {
    await database.drop();
  }
});

it('the constraints migration keeps every row of a database made by the earlier migrations', async () => {
  const database = await createTestDatabase({ empty: true });
  const tables = ['article', 'source', 'photo', 'region', 'article_source', 'article_photo', 'article_region'];
  const count = async (dataSource: DataSource) =>
    Object.fromEntries(
      await Promise.all(
        tables.map(async (table) => [
          table,
          Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n),
        ]),
      ),
    );
  // The releases before the constraints migration; it and those after it run on the upgrade.
  const upgrades = migrations.findIndex((migration) => migration.name === 'EntityConstraints1764500000000');
  const previous = new DataSource({ ...database.dataSource.options, migrations: migrations.slice(0, upgrades) });
  try {
    // The schema of the previous release, with the sample in it.
    await database.dataSource.destroy();
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    expect(await pendingChanges(previous)).not.toEqual([]);
    await seedSampleIfEmpty(previous, 'https://news.example.org');
    const before = await count(previous);
    expect(before.article).toBe(1);
    await previous.destroy();

    const upgraded = createDataSource(database.config);
    await upgraded.initialize();
    try {
      const applied = await upgraded.runMigrations({ transaction: 'each' });
      expect(applied.map((migration) => migration.name)).toEqual(migrations.slice(upgrades).map(({ name }) => name));
      expect(await pendingChanges(upgraded)).toEqual([]);
      expect(await count(upgraded)).toEqual(before);
    } finally {
      await upgraded.destroy();
    }
  } finally {
    if (previous.isInitialized) await previous.destroy();
    await database.drop();
  }
});
