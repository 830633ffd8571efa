import type { Logger } from 'pino';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits: how each entry point (npm start,
 * npm run webhooks) shuts down. `context` goes into the "shutting down" log line.
 */
export function stopOnSignal(logger: Logger, stop: () => Promise<void>, context: Record<string, unknown> = {}): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, ...context }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
