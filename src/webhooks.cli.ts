import 'reflect-metadata';
import { config } from './config';
import { createDataSource } from './data-source';
import { migrate } from './db/migrate';
import { closeWriter } from './db/transaction';
import { serviceLogger } from './logger';
import { stopOnSignal } from './server/stop-on-signal';
import { WebhookWorker } from './webhooks/webhook-worker';

const logger = serviceLogger('webhooks');

/**
 * `npm run webhooks`: the webhook worker alone, for operators who run it apart from the content
 * service (set WEBHOOK_WORKER=0 there) or want more of it; any number may run against one
 * PostgreSQL database. On SIGTERM it drains for up to SHUTDOWN_GRACE_MS.
 */
async function main(): Promise<void> {
  const dataSource = createDataSource(config.database);
  await migrate(dataSource);
  const worker = new WebhookWorker(dataSource, config.webhooks, logger);
  worker.start();
  stopOnSignal(logger, async () => {
    await worker.stop(Date.now() + config.shutdownGraceMs);
    await closeWriter(dataSource);
    await dataSource.destroy();
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
