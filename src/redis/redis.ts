import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * The connection to Redis (`REDIS_URL`) that the shared stores (response cache, persisted queries,
 * rate-limit counters) use, or none: every store has an in-memory fallback, and the service works
 * without Redis.
 *
 * Redis going away must not hold requests up: commands fail at once while it is down (no offline
 * queue, one attempt each) and the store that sent them falls back (serves uncached, counts in
 * memory). ioredis reconnects by itself, backing off to a second between attempts; the outage is
 * logged when it starts and when it ends, not per command.
 */
export interface SharedRedis {
  readonly client: Redis;
  /** Whether commands can be sent now; a store checks it to skip Redis at once during an outage. */
  readonly ready: boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: Pick<Logger, 'warn' | 'info'>): SharedRedis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A command that Redis does not answer in time fails; the request goes on without it.
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    lazyConnect: false,
  });
  let downSince: number | null = null;
  client.on('ready', () => {
    if (downSince !== null) log.info({ outageMs: Date.now() - downSince }, 'redis reachable again');
    downSince = null;
  });
  // ioredis emits 'error' for every failed attempt; an unhandled one would end the process.
  client.on('error', (error: Error) => {
    if (downSince !== null) return;
    downSince = Date.now();
    log.warn({ reason: error.message }, 'redis unreachable: shared caches and counters fall back to memory');
  });
  return {
    client,
    get ready() {
      return client.status === 'ready';
    },
    async close() {
      client.disconnect();
    },
  };
}
