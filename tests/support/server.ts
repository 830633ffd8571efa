import { Config, config } from '../../src/config';
import { RunningServer, startContentServer } from '../../src/server/content-server';
import { queryLimits } from '../../src/server/query-limits';
import { buildContentSchema } from '../../src/schema';
import { seedSampleIfEmpty } from '../../src/seed/seed';
import { createTestDatabase, TestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { queryStats?: { sqlStatements: number } } & Record<string, unknown>;
}

export interface TestServer {
  readonly url: string;
  readonly database: TestDatabase;
  readonly documentCache: RunningServer['documentCache'];
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The real content service on an ephemeral port over a fresh database, with query statistics on;
 * tests talk to it over HTTP exactly as clients do.
 */
export async function startTestServer(
  options: {
    sample?: boolean;
    batching?: boolean;
    concurrency?: { limit: number; maxWaiting: number };
    /** Production mode for the query limits (no field suggestions). */
    env?: Config['env'];
    documentCacheBytes?: number;
    maxBodyBytes?: number;
    /** A migrated database of the test's own (dropped by stop()); a fresh one when absent. */
    database?: TestDatabase;
    /** `__schema` and `__type`; on unless false (production turns them off). */
    introspection?: boolean;
    /** Only requests signed with it are answered (src/server/subgraph-signature.ts). */
    subgraphSecret?: string;
    /** graphql-js or compiled plans (src/server/compiled-execution.ts); EXECUTOR's when absent. */
    execution?: Config['execution'];
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  if (options.sample ?? true) await seedSampleIfEmpty(database.dataSource, 'https://news.example.org');
  let server: RunningServer;
  try {
    server = await startContentServer({
      schema: await buildContentSchema(),
      dataSource: database.dataSource,
      port: 0,
      host: '127.0.0.1',
      queryStats: true,
      limits: queryLimits({ ...config, env: options.env ?? config.env }),
      maxBodyBytes: options.maxBodyBytes ?? config.subgraphMaxBodyBytes,
      documentCacheBytes: options.documentCacheBytes ?? config.documentCacheBytes,
      batching: options.batching ?? true,
      concurrency: options.concurrency,
      introspection: options.introspection,
      subgraphSecret: options.subgraphSecret,
      slowOperationMs: config.slowOperationMs,
      execution: options.execution ?? config.execution,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    url: server.url,
    database,
    documentCache: server.documentCache,
    query: (query, variables, headers) => postGraphQL(server.url, query, variables, headers),
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}
