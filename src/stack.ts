import 'reflect-metadata';
import type { Config } from './config';
import { createDataSource } from './data-source';
import { databaseFault } from './db/database-faults';
import { migrate } from './db/migrate';
import { connectRedis } from './redis/redis';
import { loadSubgraphList } from './gateway/subgraph-list';
import { logger, serviceLogger } from './logger';
import { buildContentSchema } from './schema';
import { seedSampleIfEmpty } from './seed/seed';
import { startContentServer } from './server/content-server';
import { armorConfig, queryLimits } from './server/query-limits';
import { startEngagementServer } from './subgraphs/engagement';
import { WebhookWorker } from './webhooks/webhook-worker';

export interface RunningStack {
  /**
   * Drains every service (server/http-lifecycle.ts), the gateway first so nothing new reaches a
   * subgraph that is going away, and closes the databases; by `deadline` (epoch ms) at the latest.
   */
  stop(deadline?: number): Promise<void>;
}

/**
 * Starts the services `config.services` names: the subgraphs first (together), then the gateway
 * in front of them. A subgraph started here is reached at its real address, whatever the
 * subgraph list says, so CONTENT_PORT=0 works.
 */
export async function startStack(config: Config): Promise<RunningStack> {
  // Checked here, not with the rest of the configuration: the command-line tools (migrate, apikey)
  // read the same configuration and serve nothing.
  if (config.env === 'production' && !config.subgraphSecret) {
    throw new Error(
      'SUBGRAPH_SECRET is required in production: without it a subgraph answers anyone who reaches its port',
    );
  }
  const stops: Stops = [];
  const stopAll = async (deadline = Date.now() + config.shutdownGraceMs) => {
    for (const stop of stops.reverse()) await stop(deadline);
  };
  const urls: Record<string, string> = {};
  try {
    await Promise.all([
      config.services.includes('content') && startContent(config, urls, stops),
      config.services.includes('engagement') && startEngagement(config, urls, stops),
    ]);
    if (config.services.includes('gateway')) await startGateway(config, urls, stops);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { stop: stopAll };
}

type Stops = ((deadline: number) => Promise<void>)[];

async function startContent(config: Config, urls: Record<string, string>, stops: Stops): Promise<void> {
  const dataSource = createDataSource(config.database);
  const unusable = (error: unknown) => {
    throw databaseUnusableAtStart(config, error);
  };
  await dataSource.initialize().catch(unusable);
  stops.push(() => dataSource.destroy());
  // SQLite opens a file it may only read without a word, and every write would fail later: try one
  // now, rolled back (a write lock alone is granted on such a file; a table is not).
  if (config.database.kind === 'sqlite') {
    await dataSource.query('BEGIN');
    try {
      await dataSource.query('CREATE TABLE _write_probe (x INTEGER)').catch(unusable);
    } finally {
      await dataSource.query('ROLLBACK');
    }
  }
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
    maxBodyBytes: config.subgraphMaxBodyBytes,
    documentCacheBytes: config.documentCacheBytes,
    batching: config.batching,
    concurrency: config.concurrency,
    slowOperationMs: config.slowOperationMs,
    introspection: config.introspection,
    subgraphSecret: config.subgraphSecret,
    execution: config.execution,
  });
  stops.push((deadline) => content.stop(deadline));
  urls.content = content.url;
  logger.info({ url: content.url, database: config.database.kind }, 'content subgraph ready');
  // Stopped before the server (stops run in reverse), while the database is still open; what it
  // leaves undelivered waits in the database for the next worker.
  if (config.webhooks.inProcess) {
    const worker = new WebhookWorker(dataSource, config.webhooks, serviceLogger('webhooks'));
    worker.start();
    stops.push((deadline) => worker.stop(deadline));
  }
}

async function startEngagement(config: Config, urls: Record<string, string>, stops: Stops): Promise<void> {
  const engagement = await startEngagementServer({
    port: config.engagementPort,
    host: config.host,
    limits: queryLimits(config),
    maxBodyBytes: config.subgraphMaxBodyBytes,
    introspection: config.introspection,
    subgraphSecret: config.subgraphSecret,
    slowOperationMs: config.slowOperationMs,
  });
  stops.push((deadline) => engagement.stop(deadline));
  urls.engagement = engagement.url;
  serviceLogger('engagement').info({ url: engagement.url }, 'engagement subgraph ready (example partner service)');
}

async function startGateway(config: Config, urls: Record<string, string>, stops: Stops): Promise<void> {
  // Loaded only here: Hive Gateway and the composer take a second to load, which a process
  // running only a subgraph (a container, the benchmark) should not pay.
  const { startGatewayServer } = await import('./gateway/gateway-server');
  const { supergraphSource } = await import('./gateway/supergraph-source');
  const redis = config.redisUrl ? connectRedis(config.redisUrl, serviceLogger('gateway')) : undefined;
  if (redis) stops.push(() => redis.close());
  const subgraphs = loadSubgraphList(config.gateway).map((entry) => ({ ...entry, url: urls[entry.name] ?? entry.url }));
  const gateway = await startGatewayServer({
    publicSiteUrl: config.publicSiteUrl,
    supergraph: await supergraphSource(config.gateway, subgraphs, config.subgraphSecret),
    pollIntervalMs: config.gateway.supergraph === 'introspect' ? config.gateway.pollIntervalMs : undefined,
    subgraphs,
    port: config.gateway.port,
    host: config.host,
    queryStats: config.queryStats,
    graphiql: config.graphiql,
    limits: armorConfig(config),
    maxTokens: config.queryLimits.maxTokens,
    maxFields: config.queryLimits.maxFields,
    maxBodyBytes: config.maxBodyBytes,
    documentCacheBytes: config.documentCacheBytes,
    apiKeysSubgraph: 'content',
    hideSuggestions: config.env === 'production',
    introspection: config.introspection,
    subgraphSecret: config.subgraphSecret,
    corsOrigins: config.corsOrigins,
    csrfPrevention: config.env === 'production',
    maxBatchOperations: config.maxBatchOperations,
    metricsPort: config.gatewayMetricsPort,
    redis,
    anonymousSafelistOnly: config.anonymousSafelistOnly,
    caching: config.caching,
    rateLimits: config.rateLimits,
    slowOperationMs: config.slowOperationMs,
  });
  stops.push((deadline) => gateway.stop(deadline));
  serviceLogger('gateway').info(
    {
      url: gateway.url,
      supergraph: config.gateway.supergraph === 'file' ? config.gateway.supergraphPath : 'composed from the subgraphs',
      subgraphs: Object.fromEntries(subgraphs.map((entry) => [entry.name, entry.url])),
    },
    'gateway ready',
  );
  if (config.graphiql && !config.introspection) {
    serviceLogger('gateway').warn(
      'GraphiQL is on but INTROSPECTION=0: its docs, explorer and completion will have no schema',
    );
  }
}

/**
 * What an operator is told when the content database cannot be used at start-up: which file or
 * server, and what to do. (A database that fails later is answered SERVICE_UNAVAILABLE instead.)
 */
function databaseUnusableAtStart(config: Config, error: unknown): Error {
  const fault = databaseFault(error);
  const reason = error instanceof Error ? error.message : String(error);
  const where =
    config.database.kind === 'sqlite'
      ? `the SQLite database ${config.database.sqlitePath}`
      : `PostgreSQL at ${new URL(config.database.url!).host}`;
  const advice: Record<string, string> = {
    'read-only': `this process (uid ${process.getuid?.() ?? '?'}) may not write it: make the file and its folder writable by it, or set SQLITE_PATH to a writable place`,
    busy: 'another process holds it locked: stop that process, or give this service a file of its own',
    unusable: `the file cannot be opened or created (does its folder exist, and may this process (uid ${process.getuid?.() ?? '?'}) write there?), or the disk is full or failing: check SQLITE_PATH and the disk`,
    unreachable: 'the server does not answer: check DATABASE_URL and that the server runs',
  };
  return new Error(`Cannot use ${where}: ${fault ? `${advice[fault]} (${reason})` : reason}.`, { cause: error });
}
