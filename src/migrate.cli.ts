import 'reflect-metadata';
import { config } from './config';
import { logger } from './logger';
import { createDataSource } from './data-source';
import { migrate } from './db/migrate';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const dataSource = createDataSource(config.database);
  try {
    const applied = await migrate(dataSource);
    logger.info(
      { applied, database: config.database.kind },
      applied.length ? 'migrations applied' : 'database is up to date',
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
});
