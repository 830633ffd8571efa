import 'reflect-metadata';
import { config } from '../config';
import { serviceLogger } from '../logger';
import { startStack } from '../stack';

/** The gateway alone, as one container runs it: the same as SERVICES=gateway node dist/src/main.js. */
async function main(): Promise<void> {
  const stack = await startStack({ ...config, services: ['gateway'] });
  const shutdown = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  serviceLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
