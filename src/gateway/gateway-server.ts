import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { serviceLogger } from '../logger';
import { dedupeErrorsPlugin } from './dedupe-errors.plugin';
import { maskGatewayError } from './mask-error';
import { queryStatsPlugin } from './query-stats.plugin';
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
  /** Limits on depth, aliases, tokens and cost (server/query-limits.ts), checked before planning. */
  limits: GraphQLArmorConfig;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const log = serviceLogger('gateway');

/** Hive Gateway at /graphql, its liveness at /health. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<RunningGateway> {
  const timeouts = new Map(options.subgraphs.map((entry) => [entry.name, entry.timeoutMs]));
  const longest = Math.max(...timeouts.values());
  const gateway = createGatewayRuntime({
    supergraph: options.supergraph,
    pollingInterval: options.pollIntervalMs,
    // Its own log lines are in another format; what matters (an unavailable subgraph, a bug) is
    // logged by maskGatewayError through ours.
    logging: false,
    landingPage: false,
    graphiql: options.graphiql ?? false,
    transportEntries: Object.fromEntries(options.subgraphs.map((entry) => [entry.name, { location: entry.url }])),
    upstreamTimeout: ({ subgraphName }) => timeouts.get(subgraphName ?? '') ?? longest,
    // x-request-id is forwarded (and made up when absent) by the gateway's requestId feature.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
    },
    maskedErrors: { maskError: (error, message) => maskGatewayError(error, message, log) },
    plugins: () => [
      EnvelopArmorPlugin(options.limits),
      dedupeErrorsPlugin(),
      ...(options.queryStats ? [queryStatsPlugin()] : []),
    ],
  });

  const httpServer: Server = createServer((req, res) => {
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
