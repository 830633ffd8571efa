import { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
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
  // Parents first, as they are copied.
  const tables = ['region', 'source', 'photo', 'article', 'article_source', 'article_photo', 'article_region'];
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
    // The schema of the previous release, with the sample in it: copied from a database of this
    // release, since this release's entities (and so its seed) write columns that schema lacks.
    await database.dataSource.destroy();
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    expect(await pendingChanges(previous)).not.toEqual([]);
    const current = await createTestDatabase({ empty: true });
    try {
      await migrate(current.dataSource);
      await seedSampleIfEmpty(current.dataSource, 'https://news.example.org');
      await copyRows(current.dataSource, previous, tables);
    } finally {
      await current.drop();
    }
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

/** Every row of `tables` (parents first) from `from` into `to`, in the columns both have. */
async function copyRows(from: DataSource, to: DataSource, tables: string[]): Promise<void> {
  const runner = to.createQueryRunner();
  try {
    for (const table of tables) {
      const columns = new Set((await runner.getTable(table))!.columns.map((column) => column.name));
      const rows: Record<string, unknown>[] = await from.query(`SELECT * FROM ${table}`);
      if (rows.length === 0) continue;
      const kept = Object.keys(rows[0]).filter((column) => columns.has(column));
      // Plain SQL: TypeORM's insert would find the entity of the table and use this release's columns.
      const placeholders = kept.map((_, index) => (to.options.type === 'postgres' ? `$${index + 1}` : '?'));
      const insert = `INSERT INTO ${table} (${kept.join(', ')}) VALUES (${placeholders.join(', ')})`;
      for (const row of rows)
        await to.query(
          insert,
          kept.map((column) => row[column]),
        );
    }
  } finally {
    await runner.release();
  }
}
