import 'reflect-metadata';
import { config } from './config';
import { createDataSource } from './data-source';
import { migrate } from './db/migrate';
import { logger } from './logger';

/**
 * `npm run schema:diff`: what TypeORM would change to make the configured database match the
 * entities, after applying the migrations there are. Empty when they agree (a test checks that);
 * after an entity edit, these are the statements the new migration needs, for this database
 * (run it once with SQLite and once with DATABASE_URL set; see src/db/migrations).
 */
async function main(): Promise<void> {
  const dataSource = createDataSource(config.database);
  try {
    await migrate(dataSource);
    const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
    if (upQueries.length === 0) {
      console.log(`-- ${config.database.kind}: the migrated database matches the entities`);
      return;
    }
    console.log(`-- ${config.database.kind}: up`);
    for (const query of upQueries) console.log(`${query.query};`);
    console.log(`\n-- ${config.database.kind}: down`);
    for (const query of downQueries.reverse()) console.log(`${query.query};`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'schema diff failed');
  process.exitCode = 1;
});
