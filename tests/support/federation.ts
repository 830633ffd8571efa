import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config, config } from '../../src/config';
import { GatewayServerOptions, RunningGateway, startGatewayServer } from '../../src/gateway/gateway-server';
import type { SubgraphEntry } from '../../src/gateway/subgraph-list';
import { supergraphSource } from '../../src/gateway/supergraph-source';
import { armorConfig, queryLimits } from '../../src/server/query-limits';
import { RunningEngagement, startEngagementServer } from '../../src/subgraphs/engagement';
import { EngagementStore } from '../../src/subgraphs/engagement/engagement.store';
import { startRecordingProxy, RecordingProxy } from './recording-proxy';
import { GraphQLResponse, postGraphQL, startTestServer, TestServer } from './server';

/** The checked-in supergraph (`npm run compose`), which the gateway runs in production. */
export const supergraphFile = () => readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

export interface FederatedStack {
  readonly gateway: RunningGateway;
  readonly content: TestServer;
  /** Proxies in front of each subgraph: the gateway talks to these. */
  readonly proxies: { content: RecordingProxy; engagement: RecordingProxy };
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stopEngagement(): Promise<void>;
  stop(): Promise<void>;
  /** Stops all but the content service, for a second gateway in front of another stack's content. */
  stopAllButContent(): Promise<void>;
}

/**
 * The whole stack on ephemeral ports: the content service over a fresh database (query statistics
 * on), the engagement example, and Hive Gateway running the checked-in supergraph with the
 * subgraphs' URLs overridden to reach them here, through recording proxies.
 */
export async function startFederatedStack(
  options: {
    content?: TestServer;
    engagementStore?: EngagementStore;
    timeoutMs?: Partial<Record<string, number>>;
    /** Development mode: compose from the running subgraphs and re-compose every poll. */
    introspect?: { pollIntervalMs: number };
    /** Puts another server where the engagement subgraph would be (a misbehaving subgraph). */
    engagementUpstream?: string;
    /** Production mode for the gateway's query limits (no field suggestions). */
    env?: Config['env'];
    documentCacheBytes?: number;
    /**
     * Signs every subgraph request; the subgraphs started here refuse unsigned ones (a `content`
     * passed in is started with it by the caller).
     */
    subgraphSecret?: string;
    /** `__schema` and `__type` at the gateway and the subgraphs started here; on unless false. */
    introspection?: boolean;
    /** The gateway's production switches (CORS, CSRF, batching, GraphiQL); off when absent. */
    gateway?: Partial<
      Pick<
        GatewayServerOptions,
        | 'corsOrigins'
        | 'csrfPrevention'
        | 'maxBatchOperations'
        | 'graphiql'
        | 'metricsPort'
        | 'rateLimits'
        | 'redis'
        | 'caching'
        | 'anonymousSafelistOnly'
      >
    >;
  } = {},
): Promise<FederatedStack> {
  const env = options.env ?? config.env;
  const content =
    options.content ??
    (await startTestServer({ env, introspection: options.introspection, subgraphSecret: options.subgraphSecret }));
  let engagement: RunningEngagement | null = await startEngagementServer({
    port: 0,
    host: '127.0.0.1',
    store: options.engagementStore,
    limits: queryLimits({ ...config, env }),
    maxBodyBytes: config.subgraphMaxBodyBytes,
    introspection: options.introspection,
    subgraphSecret: options.subgraphSecret,
    slowOperationMs: config.slowOperationMs,
  });
  const proxies = {
    content: await startRecordingProxy(content.url.replace('localhost', '127.0.0.1')),
    engagement: await startRecordingProxy(
      options.engagementUpstream ?? engagement.url.replace('localhost', '127.0.0.1'),
    ),
  };
  const subgraphs: SubgraphEntry[] = [
    { name: 'content', url: proxies.content.url, timeoutMs: options.timeoutMs?.content ?? 10_000 },
    { name: 'engagement', url: proxies.engagement.url, timeoutMs: options.timeoutMs?.engagement ?? 10_000 },
  ];
  const gateway = await startGatewayServer({
    publicSiteUrl: config.publicSiteUrl,
    supergraph: options.introspect
      ? await supergraphSource({ supergraph: 'introspect', supergraphPath: '' }, subgraphs, options.subgraphSecret)
      : supergraphFile(),
    pollIntervalMs: options.introspect?.pollIntervalMs,
    subgraphs,
    port: 0,
    host: '127.0.0.1',
    queryStats: true,
    limits: armorConfig({ ...config, env }),
    maxTokens: config.queryLimits.maxTokens,
    maxFields: config.queryLimits.maxFields,
    maxBodyBytes: config.maxBodyBytes,
    documentCacheBytes: options.documentCacheBytes ?? config.documentCacheBytes,
    apiKeysSubgraph: 'content',
    hideSuggestions: env === 'production',
    introspection: options.introspection,
    subgraphSecret: options.subgraphSecret,
    slowOperationMs: config.slowOperationMs,
    rateLimits: config.rateLimits,
    // The response cache is off unless a test turns it on: tests count what reaches the subgraphs.
    caching: { ...config.caching, responseCacheTtlSeconds: 0 },
    ...options.gateway,
  });
  const stopEngagement = async () => {
    await engagement?.stop();
    engagement = null;
  };
  const stopAllButContent = async () => {
    await gateway.stop();
    await stopEngagement();
    await proxies.content.stop();
    await proxies.engagement.stop();
  };
  return {
    gateway,
    content,
    proxies,
    query: (query, variables, headers) => postGraphQL(gateway.url, query, variables, headers),
    stopEngagement,
    stop: async () => {
      await stopAllButContent();
      await content.stop();
    },
    stopAllButContent,
  };
}
