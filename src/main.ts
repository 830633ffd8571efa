import 'reflect-metadata';
import { config } from './config';
import { serviceLogger } from './logger';
import { stopOnSignal } from './server/stop-on-signal';
import { startStack } from './stack';

const logger = serviceLogger('stack');

/**
 * `npm start`: the whole stack on one machine: the gateway on :4000 in front of the content
 * subgraph (:4001) and the example engagement subgraph (:4002). With no configuration the content
 * is SQLite under ./data, migrated and seeded with the sample article on first start. SERVICES
 * picks some of them (one per container in docker-compose.yml).
 */
async function main(): Promise<void> {
  const stack = await startStack(config);
  stopOnSignal(
    logger,
    async () => {
      await stack.stop();
      logger.info('stopped');
    },
    { services: config.services },
  );
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
