import 'reflect-metadata';
import { config } from './config';
import { createDataSource } from './db/data-source';
import { migrate } from './db/migrate';
import { logger } from './logger';
import { buildContentSchema } from './schema';
import { seedSampleIfEmpty } from './seed/seed';
import { startContentServer } from './server/content-server';
import { queryLimits } from './server/query-limits';

/**
 * `npm start`: the content service on the configured database. With no configuration that is
 * SQLite under ./data, migrated and seeded with the sample article on first start.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (config.seedSample && (await seedSampleIfEmpty(dataSource, config.publicSiteUrl))) {
    logger.info('empty database: loaded the sample content');
  }

  const content = await startContentServer({
    schema: await buildContentSchema(),
    dataSource,
    port: config.contentPort,
    host: config.host,
    queryStats: config.queryStats,
    limits: queryLimits(config),
    maxBodyBytes: config.maxBodyBytes,
    batching: config.batching,
  });
  logger.info({ url: content.url, database: config.database.kind }, 'content service ready');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await content.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
