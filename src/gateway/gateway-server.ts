import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { DocumentNode } from 'graphql';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import helmet from 'helmet';
import { serviceLogger, withRequestId } from '../logger';
import { DocumentCache } from '../server/document-cache';
import { usableRequestId } from '../server/client-words';
import { sendJson } from '../server/apollo-http';
import type { CachingConfig, RateLimits } from '../config';
import type { SharedRedis } from '../redis/redis';
import { HttpLifecycle, listen } from '../server/http-lifecycle';
import { sendMetrics, serviceRegistry } from '../server/metrics';
import { apiKeyPlugin, PresentedKey } from './api-key.plugin';
import { ARTICLE_STATS_CSV_PATH, articleStatsCsv } from './article-stats-csv';
import { articleFeed, FEED_PATH } from './feeds';
import type { ExecuteOperation } from './http-exports';
import { articleNinjs, NINJS_PATH } from './ninjs-export';
import { PREFLIGHT_HEADERS } from './csrf';
import { hideSuggestionsPlugin } from './hide-suggestions.plugin';
import { dedupeErrorsPlugin } from './dedupe-errors.plugin';
import { maskGatewayError } from './mask-error';
import { gatewayMetricsPlugins } from './metrics.plugin';
import { GRAPHIQL_CSP_DIRECTIVES, GRAPHIQL_OPTIONS, renderOfflineGraphiQL } from './graphiql';
import { graphiqlPage } from './graphiql-page';
import { persistedOperationsPlugins } from './persisted-operations';
import { queryStatsPlugin } from './query-stats.plugin';
import { rateLimitPlugin } from './rate-limit.plugin';
import { costCheckPlugin, operationCosts } from './operation-cost';
import { requestChecksPlugin } from './request-checks.plugin';
import { responseCachePlugins } from './response-cache';
import { SAFELIST_FILE, Safelist } from './safelist';
import type { SubgraphEntry } from './subgraph-list';
import { subgraphReadiness } from './subgraph-readiness';
import { subgraphSigningPlugin } from './subgraph-signing.plugin';

export interface GatewayServerOptions {
  /** A supergraph SDL (production), or a function composing one, called again every poll (development). */
  supergraph: string | (() => Promise<string>);
  pollIntervalMs?: number;
  /** Where each subgraph is reached and how long it may take; URLs here win over the supergraph's. */
  subgraphs: readonly SubgraphEntry[];
  port: number;
  host?: string;
  /** The site's address (PUBLIC_SITE_URL): what feeds link to and are identified by. */
  publicSiteUrl: string;
  /** Sums the subgraphs' `extensions.queryStats` into the response (gateway/query-stats.plugin.ts). */
  queryStats: boolean;
  /** GraphiQL (graphiql.ts) at /graphql for browsers, and / sends browsers there; off in production. */
  graphiql?: boolean;
  /** Limits on depth, aliases, directives and cost (server/query-limits.ts), checked before planning. */
  limits: GraphQLArmorConfig;
  /** The parser stops past this many tokens, and documents of more fields are refused (server/query-limits.ts). */
  maxTokens: number;
  maxFields: number;
  /** Larger request bodies are answered 413. */
  maxBodyBytes: number;
  /** Parsed documents kept for reuse, in bytes (server/document-cache.ts). */
  documentCacheBytes: number;
  /** The subgraph that owns API keys and checks a presented key for the gateway (api-key.plugin.ts). */
  apiKeysSubgraph: string;
  /** Production: no "Did you mean …" in any message. */
  hideSuggestions?: boolean;
  /** `__schema` and `__type` at the gateway; off in production unless configured (config.ts). */
  introspection?: boolean;
  /** Signs every subgraph request (server/subgraph-signature.ts). */
  subgraphSecret?: string;
  /** Origins browsers may call from; `*` any; none: no CORS headers (same-origin only). */
  corsOrigins?: readonly string[];
  /**
   * Refuses requests a browser could send cross-site without a preflight (a GET, a form post)
   * unless they carry a header only a script can set; on in production.
   */
  csrfPrevention?: boolean;
  /** Operations one batched request (a JSON array) may hold; 0 refuses batches. */
  maxBatchOperations?: number;
  /**
   * /metrics on a port of its own, for Prometheus on the internal network, and not on the public
   * port (it shows clients' operation names). Absent: on the public port, as on the subgraphs.
   */
  metricsPort?: number;
  /** Operations that take this long or longer are logged at warn level with the subgraph requests they made. */
  slowOperationMs: number;
  /** Redis for the stores instances share (REDIS_URL); in memory when absent (src/redis/redis.ts). */
  redis?: SharedRedis;
  /** What keys restricted to it, and anonymous callers with `anonymousSafelistOnly`, may run; the checked-in file when absent. */
  safelist?: Safelist;
  /** ANONYMOUS_SAFELIST_ONLY: anonymous callers run only safelisted operations (persisted-operations.ts). */
  anonymousSafelistOnly?: boolean;
  /** Cache-Control on every answer and the response cache for anonymous reads (response-cache.ts). */
  caching: CachingConfig;
  /** Operation cost per caller and window (rate-limit.plugin.ts); no limits when absent. */
  rateLimits?: RateLimits;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  /** The parsed documents kept for reuse; exposed so their memory can be checked. */
  readonly documentCache: DocumentCache<DocumentNode>;
  /** Where /metrics is served when it has a port of its own. */
  readonly metricsPort?: number;
  /** Drains (server/http-lifecycle.ts) until `deadline` (epoch ms) at the latest, then closes. */
  stop(deadline?: number): Promise<void>;
}

const log = serviceLogger('gateway');

/**
 * Hive's HTTP executor ties every subgraph request to one long-lived AbortSignal per subgraph (its
 * dispose signal) through @graphql-hive/signal, which removes each listener once the request's
 * signal is aborted or collected. Node warns past 10 listeners on one signal, i.e. from the 11th
 * concurrent subgraph request: a false alarm here, logged as a leak. The default for signals made
 * from now on is raised to what this process can have in flight between two collections.
 */
const SUBGRAPH_REQUESTS_IN_FLIGHT = 10_000;

/**
 * Headers a browser needs: helmet's defaults, with a Content-Security-Policy. With GraphiQL on, the
 * policy lets its page (inline, with its editor workers) run and allows no origin but this one; with
 * it off, nothing the gateway sends is a page, so the policy allows nothing at all.
 */
function securityHeaders(graphiql: boolean) {
  return helmet({
    contentSecurityPolicy: graphiql
      ? {
          directives: {
            ...GRAPHIQL_CSP_DIRECTIVES,
            // TLS is the load balancer's; a page served over plain HTTP (a laptop) must still reach the API.
            'upgrade-insecure-requests': null,
          },
        }
      : { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    // The API is called cross-origin when CORS allows it.
    crossOriginResourcePolicy: false,
  });
}

/** Hive Gateway at /graphql, its health at /health, /health/live and /health/ready. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<RunningGateway> {
  setMaxListeners(SUBGRAPH_REQUESTS_IN_FLIGHT);
  const timeouts = new Map(options.subgraphs.map((entry) => [entry.name, entry.timeoutMs]));
  const longest = Math.max(...timeouts.values());
  const keyOwner = options.subgraphs.find((entry) => entry.name === options.apiKeysSubgraph);
  if (!keyOwner) throw new Error(`The subgraph list has no "${options.apiKeysSubgraph}", which checks API keys.`);
  const documentCache = new DocumentCache<DocumentNode>(options.documentCacheBytes);
  const registry = serviceRegistry('gateway');
  // Set on every request by the HTTP handler below; Hive's requestId feature sends it to every subgraph.
  const requestIdOf = (request: Request) => request.headers.get('x-request-id') ?? undefined;
  const presentedKeys = new WeakMap<Request, PresentedKey>();
  // One count of each operation's cost for the cost limit and the rate limits (operation-cost.ts).
  const costOf = operationCosts(options.limits.costLimit);
  const gateway = createGatewayRuntime({
    supergraph: options.supergraph,
    pollingInterval: options.pollIntervalMs,
    // Its own log lines are in another format; what matters (an unavailable subgraph, a bug) is
    // logged by maskGatewayError through ours.
    logging: false,
    landingPage: false,
    graphiql: options.graphiql ? GRAPHIQL_OPTIONS : false,
    renderGraphiQL: renderOfflineGraphiQL,
    // Options forwarded to Yoga by patches/@graphql-hive+gateway-runtime (see patches/README.md).
    maxRequestBodySize: options.maxBodyBytes,
    parserAndValidationCache: {
      documentCache,
      // Parse errors are cached by their text too; a small budget, as a wrong document is rarely resent.
      errorCache: new DocumentCache<Error>(Math.ceil(options.documentCacheBytes / 8)),
    },
    // The process's own handler (main.ts) stops the services in order.
    disposeOnProcessTerminate: false,
    disableIntrospection: options.introspection === false ? { disableIf: () => true } : undefined,
    cors: corsOptions(options.corsOrigins ?? []),
    csrfPrevention: options.csrfPrevention ? { requestHeaders: PREFLIGHT_HEADERS } : undefined,
    batching: options.maxBatchOperations ? { limit: options.maxBatchOperations } : false,
    transportEntries: Object.fromEntries(options.subgraphs.map((entry) => [entry.name, { location: entry.url }])),
    upstreamTimeout: ({ subgraphName }) => timeouts.get(subgraphName ?? '') ?? longest,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
    },
    maskedErrors: { maskError: (error) => maskGatewayError(error, log) },
    // The scalars the subgraphs define, with the same implementations, so the gateway refuses a bad
    // value itself, naming the variable or argument the client wrote (not one of its own plans).
    additionalResolvers: { DateTime: DateTimeResolver, URL: URLResolver },
    plugins: ({ log: hiveLog }) => [
      apiKeyPlugin(keyOwner, requestIdOf, options.subgraphSecret, (request, key) => presentedKeys.set(request, key)),
      ...persistedOperationsPlugins({
        safelist: options.safelist ?? Safelist.fromFile(SAFELIST_FILE),
        redis: options.redis,
        anonymousSafelistOnly: options.anonymousSafelistOnly ?? false,
        maxTokens: options.maxTokens,
        safelistOnlyKey: (request) => presentedKeys.get(request)?.safelistOnly ?? false,
      }),
      requestChecksPlugin({
        maxTokens: options.maxTokens,
        maxFields: options.maxFields,
        introspection: options.introspection !== false,
      }),
      EnvelopArmorPlugin(options.limits),
      costCheckPlugin(options.limits.costLimit?.maxCost ?? Infinity, costOf),
      ...(options.rateLimits
        ? [
            rateLimitPlugin({
              limits: options.rateLimits,
              redis: options.redis,
              costOf,
              keyOf: (request) => presentedKeys.get(request),
              registry,
              log,
            }),
          ]
        : []),
      dedupeErrorsPlugin(),
      // A hit is answered once the request's parameters are read, before parsing and the checks above:
      // only a document that passed them was stored. Before query statistics, which no stored answer keeps.
      ...responseCachePlugins({ caching: options.caching, redis: options.redis, registry }),
      ...(options.hideSuggestions ? [hideSuggestionsPlugin()] : []),
      ...(options.queryStats ? [queryStatsPlugin()] : []),
      ...(options.subgraphSecret ? [subgraphSigningPlugin(options.subgraphSecret)] : []),
      ...gatewayMetricsPlugins({ registry, slowOperationMs: options.slowOperationMs, log, hiveLog }),
    ],
  });

  // The downloads (the stats CSV, an article's ninjs, the feeds) each run one operation as a request
  // to this gateway from the caller's connection (`req`: what the rate limits count an anonymous
  // caller by), through every plugin above.
  const graphqlUrl = new URL(gateway.graphqlEndpoint, 'http://gateway').toString();
  type Download = (req: IncomingMessage, res: ServerResponse, execute: ExecuteOperation) => Promise<void>;
  /** The download a path names, or null for the rest (GraphQL). */
  const downloadAt = (path: string): Download | null => {
    if (path === ARTICLE_STATS_CSV_PATH) return (req, res, execute) => articleStatsCsv(req, res, execute, log);
    const ninjs = NINJS_PATH.exec(path);
    if (ninjs) return (req, res, execute) => articleNinjs(req, res, ninjs[1], execute, log);
    const feed = FEED_PATH.exec(path);
    if (feed) return (req, res, execute) => articleFeed(req, res, feed, options.publicSiteUrl, execute, log);
    return null;
  };
  const runDownload = (download: Download, req: IncomingMessage, res: ServerResponse) =>
    download(req, res, async (body, headers) =>
      gateway.fetch(graphqlUrl, { method: 'POST', headers, body }, { req }),
    ).catch((error: unknown) => {
      // Mid-download, the client hung up (or its socket failed): there is no one left to tell.
      if (res.headersSent) return void res.destroy();
      log.error({ err: error, path: req.url }, 'download failed');
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('The download failed; retry in a moment.\n');
    });

  // Rendered by Yoga (with Hive's options) once, then sent compressed from here (graphiql-page.ts).
  const graphiql = options.graphiql
    ? graphiqlPage(async () => (await gateway.fetch(graphqlUrl, { headers: { accept: 'text/html' } })).text())
    : undefined;
  const sendGraphiQL = (req: IncomingMessage, res: ServerResponse) =>
    graphiql!.send(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'the GraphiQL page failed');
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('The GraphiQL page failed; retry in a moment.\n');
    });

  const subgraphsNotReady = subgraphReadiness(options.subgraphs);
  const ready = async (): Promise<string | null> => {
    // Hive's own readiness: a supergraph is loaded.
    const loaded = await gateway.fetch('http://gateway/readiness');
    await loaded.body?.cancel();
    if (!loaded.ok) return 'no supergraph loaded yet';
    const down = await subgraphsNotReady();
    return down.length ? `required subgraphs not ready: ${down.join(', ')}` : null;
  };
  const withSecurityHeaders = securityHeaders(options.graphiql ?? false);
  const httpServer: Server = createServer((req, res) => {
    // The id every subgraph gets and every log line of the request carries: the client's, or one made
    // up when it sent none that a subgraph or a log could take.
    const requestId = usableRequestId(req.headers['x-request-id']) ?? randomUUID();
    req.headers['x-request-id'] = requestId;
    const path = (req.url ?? '/').split('?')[0];
    if (lifecycle.health(path, res, ready)) return;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/metrics' && options.metricsPort === undefined) return void sendMetrics(registry, res);
    const download = downloadAt(path);
    const serve =
      path === '/' && options.graphiql && req.method === 'GET'
        ? () => {
            res.writeHead(302, { location: gateway.graphqlEndpoint, 'cache-control': 'no-store' });
            res.end();
          }
        : path === gateway.graphqlEndpoint && graphiql?.wanted(req)
          ? () => sendGraphiQL(req, res)
          : download
            ? () => runDownload(download, req, res)
            : () => gateway(req, res);
    withRequestId(requestId, () => withSecurityHeaders(req, res, () => void lifecycle.track(Promise.resolve(serve()))));
  });
  const lifecycle = new HttpLifecycle(httpServer, log);
  await listen(httpServer, options.port, options.host);
  const { port } = httpServer.address() as AddressInfo;
  const metricsServer =
    options.metricsPort === undefined
      ? undefined
      : await listen(
          createServer((req, res) =>
            (req.url ?? '/').split('?')[0] === '/metrics'
              ? void sendMetrics(registry, res)
              : sendJson(res, 404, { error: 'Not found; this port serves /metrics.' }),
          ),
          options.metricsPort,
          options.host,
        );
  return {
    url: `http://localhost:${port}${gateway.graphqlEndpoint}`,
    port,
    metricsPort: metricsServer && (metricsServer.address() as AddressInfo).port,
    documentCache,
    async stop(deadline) {
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      await lifecycle.drain(deadline);
      // Stops polling, aborts subgraph requests still in flight and closes the transports.
      await gateway[Symbol.asyncDispose]();
    },
  };
}

/**
 * Yoga's CORS options from the configured origins: none is same-origin only (no CORS headers).
 * An origin not listed gets no CORS headers either: Yoga's own list answers it with the one origin
 * listed, or with "null", which is the origin sandboxed frames and data: pages send.
 */
function corsOptions(origins: readonly string[]) {
  if (origins.length === 0) return false;
  const options = {
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', ...PREFLIGHT_HEADERS],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
    // Callers authenticate with a bearer key, never a cookie: a browser has no credentials to send.
    credentials: false,
  };
  if (origins.includes('*')) return { ...options, origin: '*' };
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && origins.includes(origin) ? { ...options, origin: [origin] } : false;
  };
}
