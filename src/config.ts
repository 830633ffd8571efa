/**
 * The only module that reads `process.env`. Every variable is validated once, and a bad one is
 * named in the error, so a misconfigured deployment fails at start-up rather than on a request.
 */
import type { Role } from './viewer';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseConfig {
  readonly kind: DatabaseKind;
  /** postgres:// URL when kind is postgres. */
  readonly url?: string;
  /** File path when kind is sqlite. */
  readonly sqlitePath: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  /**
   * PostgreSQL read replicas (`DATABASE_REPLICA_URLS`): reads go to them, writes and the reads of a
   * request after its write go to `url` (the primary). Empty: everything on the primary.
   */
  readonly replicaUrls: readonly string[];
}

/** The processes `npm start` runs; `SERVICES` picks some of them (one per container in docker-compose.yml). */
export const SERVICE_NAMES = ['content', 'engagement', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface GatewayConfig {
  readonly port: number;
  /**
   * `file`: the supergraph composed ahead of time by `npm run compose` (production). `introspect`:
   * composed from the running subgraphs' `_service { sdl }` and re-composed every poll (development).
   */
  readonly supergraph: 'file' | 'introspect';
  readonly supergraphPath: string;
  /** The list of subgraphs (name, URL, timeout, SDL file); see subgraphs.json. */
  readonly subgraphsFile: string;
  /** `<NAME>_SUBGRAPH_URL` overrides of the listed URLs, keyed by subgraph name (lower case). */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Per subgraph request, unless the subgraphs file gives one. */
  readonly subgraphTimeoutMs: number;
  readonly pollIntervalMs: number;
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly services: readonly ServiceName[];
  readonly contentPort: number;
  /** The example partner subgraph (src/subgraphs/engagement). */
  readonly engagementPort: number;
  readonly gateway: GatewayConfig;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Adds `extensions.queryStats` to every response; off unless asked for. */
  readonly queryStats: boolean;
  /** Seed the sample content into an empty database at start-up. */
  readonly seedSample: boolean;
  readonly logLevel: string;
  /** Base of `Article.url`: the public site that renders the articles. */
  readonly publicSiteUrl: string;
  readonly maxBodyBytes: number;
  /**
   * The largest request body a subgraph accepts: more than a client may send, as the gateway's plans
   * repeat variables per alias and carry the `@requires` fields (article bodies) of whole pages.
   */
  readonly subgraphMaxBodyBytes: number;
  /** Memory for parsed documents kept for reuse, per service (server/document-cache.ts). */
  readonly documentCacheBytes: number;
  /** Limits on the shape of one operation, checked before it runs (see server/query-limits.ts). */
  readonly queryLimits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    /** Fields one operation selects, fragments counted where spread (server/query-limits.ts). */
    readonly maxFields: number;
    readonly maxCost: number;
  };
  /** DataLoader batching; off only to measure the N+1 baseline in the benchmark. */
  readonly batching: boolean;
  /** How the content service executes operations (server/compiled-execution.ts). */
  readonly execution: { readonly executor: 'graphql-js' | 'jit'; readonly maxPlans: number };
  /** GraphQL executions at once in the content service, and how many may wait (server/request-gate.ts). */
  readonly concurrency: { readonly limit: number; readonly maxWaiting: number };
  /** Operations that take this long or longer are logged with their name and cost (`SLOW_OPERATION_MS`; 0: all). */
  readonly slowOperationMs: number;
  /** On SIGTERM: how long requests in flight may take before their connections are closed. */
  readonly shutdownGraceMs: number;
  /**
   * Signs every gateway → subgraph request; a subgraph refuses unsigned requests whenever it is
   * set. Required in production by every service.
   */
  readonly subgraphSecret?: string;
  /** Schema introspection (`__schema`, `__type`); off in production unless INTROSPECTION=1 or GRAPHIQL=1. */
  readonly introspection: boolean;
  /** The GraphiQL page at the gateway's /graphql for browsers; off in production unless GRAPHIQL=1. */
  readonly graphiql: boolean;
  /** Origins browsers may call the gateway from (`CORS_ORIGINS`, comma-separated; `*` any). */
  readonly corsOrigins: readonly string[];
  /** Operations one batched request (a JSON array) may hold; 0 refuses batches. */
  readonly maxBatchOperations: number;
  /** The gateway's /metrics on this port only (`GATEWAY_METRICS_PORT`), not on its public one. */
  readonly gatewayMetricsPort?: number;
  /** Shared stores (response cache, persisted queries, rate limits) in Redis; in memory when absent. */
  readonly redisUrl?: string;
  /** Anonymous callers may run only the safelisted operations (`ANONYMOUS_SAFELIST_ONLY`; gateway/persisted-operations.ts). */
  readonly anonymousSafelistOnly: boolean;
  /** Operation cost each caller may spend per window at the gateway (gateway/rate-limit.plugin.ts). */
  readonly rateLimits: RateLimits;
  /** HTTP caching of anonymous reads at the gateway (gateway/response-cache.ts). */
  readonly caching: CachingConfig;
  /** Delivery of the change feed to partners' endpoints (src/webhooks). */
  readonly webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** Runs the worker inside the content service (`WEBHOOK_WORKER`); off when `npm run webhooks` runs it apart. */
  readonly inProcess: boolean;
  /** How often an idle worker looks for new changes and due retries (`WEBHOOK_POLL_INTERVAL_MS`). */
  readonly pollIntervalMs: number;
  /** How long a receiver has to answer one delivery (`WEBHOOK_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Retries wait a random time up to min(cap, base × 2^(attempt − 1)) (`WEBHOOK_RETRY_BASE_MS`, `WEBHOOK_RETRY_CAP_MS`). */
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  /** An endpoint failing without a success for this long is disabled (`WEBHOOK_DISABLE_AFTER_MS`). */
  readonly disableAfterMs: number;
  /** Deliveries one worker sends at once (`WEBHOOK_CONCURRENCY`). */
  readonly concurrency: number;
}

export interface CachingConfig {
  /** `Cache-Control: public, max-age` of an anonymous read (`CACHE_MAX_AGE_S`); 0: `private, no-store`. */
  readonly maxAgeSeconds: number;
  /** How long a CDN may serve it stale while it fetches it again (`CACHE_STALE_WHILE_REVALIDATE_S`). */
  readonly staleWhileRevalidateSeconds: number;
  /** How long the gateway keeps an anonymous answer (`RESPONSE_CACHE_TTL_S`); writes remove it earlier. 0: off. */
  readonly responseCacheTtlSeconds: number;
  /** Memory for answers when there is no Redis (`RESPONSE_CACHE_MB`), counted as their JSON's length. */
  readonly responseCacheBytes: number;
}

/** Points (operation cost, as QUERY_MAX_COST counts it) per window: per API key by its role, per address for anonymous callers. */
export interface RateLimits {
  /** 0: no limit for that role. */
  readonly points: Readonly<Record<Role, number>>;
  readonly windowSeconds: number;
  /**
   * Proxies (load balancers) in front of the gateway, each appending to X-Forwarded-For: an anonymous
   * caller's address is the one this many hops back. 0: the connection's own address, and the header
   * is ignored (a client could write anything in it).
   */
  readonly trustedProxies: number;
}

type Env = Record<string, string | undefined>;

class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be a boolean (1/0, true/false), got "${raw}"`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
    return fallback;
  };
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const raw = env[name] || fallback;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${withoutPassword(raw)}"`);
    }
    return raw;
  };

  // A limit below the cost one operation may have would refuse some operations in every window.
  // A partner's sync of 100 articles with everything costs ~29,000 once page sizes sent as
  // variables are counted (gateway/operation-cost.ts).
  const maxCost = int('QUERY_MAX_COST', 50_000, 100, 1_000_000);
  const rateLimit = (name: string, fallback: number): number => {
    const points = int(name, fallback, 0, 1_000_000_000_000);
    if (points === 0 || points >= maxCost) return points;
    problems.push(`${name} must be 0 (no limit) or at least QUERY_MAX_COST (${maxCost}), got "${env[name]}"`);
    return fallback;
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined) url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);

  const services = (env.SERVICES || SERVICE_NAMES.join(',')).split(',').map((name) => name.trim());
  const unknownServices = services.filter((name) => !SERVICE_NAMES.includes(name as ServiceName));
  if (unknownServices.length || services.length === 0) {
    problems.push(`SERVICES must list some of ${SERVICE_NAMES.join(', ')}; got "${env.SERVICES}"`);
  }
  const supergraphMode = env.GATEWAY_SUPERGRAPH || (nodeEnv === 'production' ? 'file' : 'introspect');
  if (!['file', 'introspect'].includes(supergraphMode)) {
    problems.push(`GATEWAY_SUPERGRAPH must be file or introspect, got "${supergraphMode}"`);
  }
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => url('DATABASE_REPLICA_URLS', entry, ['postgres:', 'postgresql:']));
  if (replicaUrls.length && !databaseUrl) {
    problems.push('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas serve the reads of a PostgreSQL primary');
  }
  const production = nodeEnv === 'production';
  const subgraphSecret = env.SUBGRAPH_SECRET || undefined;
  if (subgraphSecret !== undefined && subgraphSecret.length < 32) {
    problems.push(`SUBGRAPH_SECRET must be at least 32 characters (it signs requests), got ${subgraphSecret.length}`);
  }
  const graphiql = bool('GRAPHIQL', !production);
  const corsOrigins = (env.CORS_ORIGINS ?? (production ? '' : '*'))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*') continue;
    try {
      if (new URL(origin).origin !== origin) throw new Error('not an origin');
    } catch {
      problems.push(`CORS_ORIGINS must list origins such as https://news.example.org (or *), got "${origin}"`);
    }
  }
  const subgraphUrls: Record<string, string> = {};
  for (const name of Object.keys(env)) {
    const match = /^([A-Z][A-Z0-9_]*)_SUBGRAPH_URL$/.exec(name);
    if (match && env[name]) subgraphUrls[match[1].toLowerCase()] = url(name, env[name]!, ['http:', 'https:']);
  }

  const config: Config = {
    env: nodeEnv as Config['env'],
    services: unknownServices.length ? SERVICE_NAMES : (services as ServiceName[]),
    contentPort: int('CONTENT_PORT', 4001, 0, 65535),
    engagementPort: int('ENGAGEMENT_PORT', 4002, 0, 65535),
    gateway: {
      port: int('GATEWAY_PORT', 4000, 0, 65535),
      supergraph: supergraphMode as GatewayConfig['supergraph'],
      supergraphPath: env.SUPERGRAPH_PATH || 'schema/supergraph.graphql',
      subgraphsFile: env.SUBGRAPHS_FILE || 'subgraphs.json',
      subgraphUrls,
      subgraphTimeoutMs: int('SUBGRAPH_TIMEOUT_MS', 5000, 100, 120_000),
      pollIntervalMs: int('GATEWAY_POLL_INTERVAL_MS', 10_000, 500, 3_600_000),
    },
    host: env.HOST || '0.0.0.0',
    database: {
      kind: databaseUrl ? 'postgres' : 'sqlite',
      url: databaseUrl,
      sqlitePath: env.SQLITE_PATH || 'data/content.sqlite',
      poolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
      statementTimeoutMs: int('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
      replicaUrls,
    },
    queryStats: bool('QUERY_STATS', false),
    // A demonstration: a real deployment's first database must not publish the sample article.
    seedSample: bool('SEED_SAMPLE', !production),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    publicSiteUrl: url('PUBLIC_SITE_URL', 'https://news.example.org', ['http:', 'https:']).replace(/\/+$/, ''),
    maxBodyBytes: int('MAX_REQUEST_BYTES', 1_000_000, 1_000, 50_000_000),
    subgraphMaxBodyBytes: int('SUBGRAPH_MAX_REQUEST_BYTES', 8_000_000, 1_000, 200_000_000),
    documentCacheBytes: int('DOCUMENT_CACHE_MB', 32, 0, 4096) * 1024 * 1024,
    batching: bool('DATALOADER_BATCHING', true),
    execution: {
      executor: oneOf('EXECUTOR', ['graphql-js', 'jit'] as const, 'graphql-js'),
      maxPlans: int('EXECUTOR_MAX_PLANS', 256, 1, 100_000),
    },
    concurrency: {
      // A few executions keep one Node thread busy; each one more only holds memory and garbage.
      // Measured at 32 connections (bench/README.md): 4 spends a third less CPU per front page than
      // 6 and peaks ~70 MB lower. Raise it when statements are slow (a distant database).
      limit: int('MAX_CONCURRENT_REQUESTS', 4, 1, 10_000),
      maxWaiting: int('MAX_QUEUED_REQUESTS', 1000, 0, 1_000_000),
    },
    slowOperationMs: int('SLOW_OPERATION_MS', 1000, 0, 3_600_000),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    subgraphSecret,
    // GraphiQL reads the schema by introspection for its docs, explorer and completion: turning it on
    // turns introspection on too, unless INTROSPECTION says otherwise (warned at startup, stack.ts).
    introspection: bool('INTROSPECTION', !production || graphiql),
    graphiql,
    corsOrigins,
    maxBatchOperations: int('BATCH_MAX_OPERATIONS', 0, 0, 100),
    gatewayMetricsPort: env.GATEWAY_METRICS_PORT ? int('GATEWAY_METRICS_PORT', 0, 0, 65535) : undefined,
    redisUrl: env.REDIS_URL ? url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']) : undefined,
    anonymousSafelistOnly: bool('ANONYMOUS_SAFELIST_ONLY', false),
    caching: {
      maxAgeSeconds: int('CACHE_MAX_AGE_S', 60, 0, 86_400),
      staleWhileRevalidateSeconds: int('CACHE_STALE_WHILE_REVALIDATE_S', 30, 0, 86_400),
      responseCacheTtlSeconds: int('RESPONSE_CACHE_TTL_S', 300, 0, 86_400),
      responseCacheBytes: int('RESPONSE_CACHE_MB', 64, 1, 65_536) * 1024 * 1024,
    },
    webhooks: {
      inProcess: bool('WEBHOOK_WORKER', true),
      pollIntervalMs: int('WEBHOOK_POLL_INTERVAL_MS', 1000, 10, 600_000),
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10_000, 1, 3_600_000),
      retryCapMs: int('WEBHOOK_RETRY_CAP_MS', 3_600_000, 1, 86_400_000),
      disableAfterMs: int('WEBHOOK_DISABLE_AFTER_MS', 86_400_000, 1, 30 * 86_400_000),
      concurrency: int('WEBHOOK_CONCURRENCY', 8, 1, 100),
    },
    rateLimits: {
      points: {
        // Per address: a reader's browser spends a few hundred points a page.
        anonymous: rateLimit('RATE_LIMIT_ANONYMOUS', 250_000),
        partner: rateLimit('RATE_LIMIT_PARTNER', 5_000_000),
        analyst: rateLimit('RATE_LIMIT_ANALYST', 5_000_000),
        editor: rateLimit('RATE_LIMIT_EDITOR', 5_000_000),
        admin: rateLimit('RATE_LIMIT_ADMIN', 5_000_000),
      },
      windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      trustedProxies: int('TRUSTED_PROXY_HOPS', 0, 0, 10),
    },
    queryLimits: {
      maxDepth: int('QUERY_MAX_DEPTH', 12, 2, 100),
      maxAliases: int('QUERY_MAX_ALIASES', 30, 1, 1000),
      maxTokens: int('QUERY_MAX_TOKENS', 3000, 100, 100_000),
      maxFields: int('QUERY_MAX_FIELDS', 200, 10, 10_000),
      maxCost,
    },
  };

  if (config.webhooks.retryCapMs < config.webhooks.retryBaseMs) {
    problems.push(
      `WEBHOOK_RETRY_CAP_MS (${config.webhooks.retryCapMs}) must be at least WEBHOOK_RETRY_BASE_MS (${config.webhooks.retryBaseMs})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}

/** The process-wide configuration, read once on first import. */
/** A URL as an error message may show it: `user:password@` becomes `user:***@`. */
function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/**
 * The process-wide configuration, read once on first import. A bad one ends the process with the
 * list of problems alone (a stack trace would only hide them).
 */
export const config: Config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
})();
