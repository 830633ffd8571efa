import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { DocumentNode } from 'graphql';
import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import { serviceLogger } from '../logger';
import { DocumentCache } from '../server/document-cache';
import { usableRequestId } from '../server/client-words';
import { apiKeyPlugin } from './api-key.plugin';
import { hideSuggestionsPlugin } from './hide-suggestions.plugin';
import { dedupeErrorsPlugin } from './dedupe-errors.plugin';
import { maskGatewayError } from './mask-error';
import { queryStatsPlugin } from './query-stats.plugin';
import { requestChecksPlugin } from './request-checks.plugin';
import type { SubgraphEntry } from './subgraph-list';

export interface GatewayServerOptions {
  /** A supergraph SDL (production), or a function composing one, called again every poll (development). */
  supergraph: string | (() => Promise<string>);
  pollIntervalMs?: number;
  /** Where each subgraph is reached and how long it may take; URLs here win over the supergraph's. */
  subgraphs: readonly SubgraphEntry[];
  port: number;
  host?: string;
  /** Sums the subgraphs' `extensions.queryStats` into the response (gateway/query-stats.plugin.ts). */
  queryStats: boolean;
  /** GraphiQL at /graphql for browsers; off in production. */
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
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  /** The parsed documents kept for reuse; exposed so their memory can be checked. */
  readonly documentCache: DocumentCache<DocumentNode>;
  stop(): Promise<void>;
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

/** Hive Gateway at /graphql, its liveness at /health. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<RunningGateway> {
  setMaxListeners(SUBGRAPH_REQUESTS_IN_FLIGHT);
  const timeouts = new Map(options.subgraphs.map((entry) => [entry.name, entry.timeoutMs]));
  const longest = Math.max(...timeouts.values());
  const keyOwner = options.subgraphs.find((entry) => entry.name === options.apiKeysSubgraph);
  if (!keyOwner) throw new Error(`The subgraph list has no "${options.apiKeysSubgraph}", which checks API keys.`);
  const documentCache = new DocumentCache<DocumentNode>(options.documentCacheBytes);
  // The gateway's requestId feature takes x-request-id from the client or makes one up, and sends
  // it to every subgraph; the ids it makes up are kept here for the gateway's own calls.
  const madeUpIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request) => request.headers.get('x-request-id') ?? madeUpIds.get(request);
  const gateway = createGatewayRuntime({
    supergraph: options.supergraph,
    pollingInterval: options.pollIntervalMs,
    // Its own log lines are in another format; what matters (an unavailable subgraph, a bug) is
    // logged by maskGatewayError through ours.
    logging: false,
    landingPage: false,
    graphiql: options.graphiql ?? false,
    // Options forwarded to Yoga by patches/@graphql-hive+gateway-runtime (see patches/README.md).
    maxRequestBodySize: options.maxBodyBytes,
    parserAndValidationCache: {
      documentCache,
      // Parse errors are cached by their text too; a small budget, as a wrong document is rarely resent.
      errorCache: new DocumentCache<Error>(Math.ceil(options.documentCacheBytes / 8)),
    },
    // The process's own handler (main.ts) stops the services in order.
    disposeOnProcessTerminate: false,
    transportEntries: Object.fromEntries(options.subgraphs.map((entry) => [entry.name, { location: entry.url }])),
    upstreamTimeout: ({ subgraphName }) => timeouts.get(subgraphName ?? '') ?? longest,
    requestId: {
      generateRequestId: ({ request }) => {
        const id = randomUUID();
        madeUpIds.set(request, id);
        return id;
      },
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
    },
    maskedErrors: { maskError: (error, message) => maskGatewayError(error, message, log) },
    // The scalars the subgraphs define, with the same implementations, so the gateway refuses a bad
    // value itself, naming the variable or argument the client wrote (not one of its own plans).
    additionalResolvers: { DateTime: DateTimeResolver, URL: URLResolver },
    plugins: () => [
      apiKeyPlugin(keyOwner, requestIdOf),
      requestChecksPlugin({ maxTokens: options.maxTokens, maxFields: options.maxFields }),
      EnvelopArmorPlugin(options.limits),
      dedupeErrorsPlugin(),
      ...(options.hideSuggestions ? [hideSuggestionsPlugin()] : []),
      ...(options.queryStats ? [queryStatsPlugin()] : []),
    ],
  });

  const httpServer: Server = createServer((req, res) => {
    // An id that a subgraph or a log could not take is replaced by one the gateway makes up.
    if (req.headers['x-request-id'] !== undefined && !usableRequestId(req.headers['x-request-id'])) {
      delete req.headers['x-request-id'];
    }
    if ((req.url ?? '/').split('?')[0] === '/health') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    void gateway(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}${gateway.graphqlEndpoint}`,
    port,
    documentCache,
    async stop() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      // Stops polling, aborts subgraph requests still in flight and closes the transports.
      await gateway[Symbol.asyncDispose]();
    },
  };
}
