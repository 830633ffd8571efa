import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { DocumentNode, GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { viewerFromAuthorization } from '../auth/viewer-from-request';
import type { RequestContext } from '../context';
import { DatabaseAvailability } from '../db/database-availability';
import { Db } from '../db/db';
import { withQueryStats } from '../db/query-stats';
import { closeWriter, Writes } from '../db/transaction';
import { compiledExecution } from './compiled-execution';
import { databaseFaultError, formatError } from '../errors';
import { createLoaders } from '../loaders';
import { logger, withRequestId } from '../logger';
import { apiKeyHeadersPlugin } from './api-key-headers.plugin';
import { handleGraphQL, sendJson } from './apollo-http';
import { requestFormWords, usableRequestId, withoutSuggestions } from './client-words';
import { ContentMetrics } from './content-metrics';
import { apolloDocumentStore, DocumentCache } from './document-cache';
import { errorResponsePlugin } from './error-response.plugin';
import { HttpLifecycle, listen } from './http-lifecycle';
import { OperationMetrics, sendMetrics, serviceRegistry } from './metrics';
import { nulCharactersPlugin } from './nul-characters.plugin';
import { operationMetricsPlugin } from './operation-metrics.plugin';
import { queryLimits } from './query-limits';
import { queryStatsPlugin } from './query-stats.plugin';
import { RequestGate } from './request-gate';
import { recordEdits } from '../syndication/change-log';

export interface ContentServerOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  port: number;
  host?: string;
  queryStats: boolean;
  /** The parser's token limit and graphql-armor's rules (server/query-limits.ts). */
  limits: ReturnType<typeof queryLimits>;
  maxBodyBytes: number;
  /** Parsed and validated documents kept for reuse, in bytes (server/document-cache.ts). */
  documentCacheBytes: number;
  /** Defaults to true; false gives the N+1 baseline of the benchmark. */
  batching?: boolean;
  /** Executions at once and waiting (server/request-gate.ts); unlimited when absent. */
  concurrency?: { limit: number; maxWaiting: number };
  /** `__schema` and `__type`; off in production (config.ts INTROSPECTION). */
  introspection?: boolean;
  /** Only requests the gateway signed with it are answered (subgraph-signature.ts). */
  subgraphSecret?: string;
  /** Operations that take this long or longer are logged at warn level with their SQL statements. */
  slowOperationMs: number;
  /**
   * `jit`: operations run as compiled graphql-jit plans, at most `maxPlans` kept
   * (server/compiled-execution.ts); `graphql-js` (the default): graphql-js's interpreter.
   */
  execution?: { executor: 'graphql-js' | 'jit'; maxPlans: number };
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The parsed documents kept for reuse; exposed so their memory can be checked. */
  readonly documentCache: DocumentCache<DocumentNode>;
  /** Drains (http-lifecycle.ts) until `deadline` (epoch ms) at the latest, then closes. */
  stop(deadline?: number): Promise<void>;
}

/** Serves the content subgraph at /graphql, its health at /health, /health/live and /health/ready. */
export async function startContentServer(options: ContentServerOptions): Promise<RunningServer> {
  const db = new Db(options.dataSource);
  const writes = new Writes(options.dataSource, recordEdits);
  const gate = options.concurrency && new RequestGate(options.concurrency.limit, options.concurrency.maxWaiting);
  const httpServer: Server = createServer();
  const lifecycle = new HttpLifecycle(httpServer, logger);
  const availability = new DatabaseAvailability(() => db.ping(), logger);
  const documentCache = new DocumentCache<DocumentNode>(options.documentCacheBytes);
  const registry = serviceRegistry('content');
  const operations = new OperationMetrics(registry);
  const metrics = new ContentMetrics(registry, options.dataSource, gate);
  const apollo = new ApolloServer<RequestContext>({
    ...(options.execution?.executor === 'jit'
      ? { gateway: compiledExecution(options.schema, options.execution.maxPlans) }
      : { schema: options.schema }),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: options.introspection ?? true,
    // The process entry (main.ts) stops every service in order on SIGINT/SIGTERM; Apollo's own
    // handler would re-raise the signal and end the process before the database is closed.
    stopOnTerminationSignals: false,
    // The gateway sends whole documents; automatic persisted queries would only be another input to
    // validate (a malformed one was answered as an internal error).
    persistedQueries: false,
    parseOptions: options.limits.parseOptions,
    validationRules: options.limits.validationRules,
    hideSchemaDetailsFromClientErrors: options.limits.hideSchemaDetailsFromClientErrors,
    documentStore: apolloDocumentStore(documentCache),
    formatError: (formatted, error) => {
      const shown = formatError(
        formatted,
        error,
        (unexpected) => logger.error({ err: unexpected }, 'unexpected error in a request'),
        (failure) => availability.report(failure),
      );
      const message = requestFormWords(shown.message);
      // Apollo's switch covers validation; variable coercion and enum values have hints of their own.
      return {
        ...shown,
        message: options.limits.hideSchemaDetailsFromClientErrors ? withoutSuggestions(message) : message,
      };
    },
    plugins: [
      errorResponsePlugin<RequestContext>(),
      apiKeyHeadersPlugin,
      // Apollo turns on federated tracing for a subgraph schema; the Hive gateway never asks for it.
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here sets cache hints, and the plugin wraps every field's resolver to compute them:
      // a third of what a front page request allocated (bench/README.md).
      ApolloServerPluginCacheControlDisabled(),
      nulCharactersPlugin,
      ...(options.queryStats ? [queryStatsPlugin] : []),
      operationMetricsPlugin({
        metrics: operations,
        slowOperationMs: options.slowOperationMs,
        log: logger,
        cost: (operation) => metrics.recordStatements(operation),
      }),
    ],
  });
  await apollo.start();

  const context = (req: IncomingMessage, requestId: string) => async (): Promise<RequestContext> => {
    // During an outage nothing is tried: the answer is the same, at once (db/database-availability.ts).
    if (availability.unreachable) throw databaseFaultError('unreachable');
    // A bad key throws an UNAUTHENTICATED GraphQLError; Apollo answers it as a 401 GraphQL response.
    const viewer = await viewerFromAuthorization(options.dataSource, headerValue(req, 'authorization')).catch(
      (error: unknown) => {
        const fault = availability.report(error);
        throw fault ? databaseFaultError(fault) : error;
      },
    );
    // With read replicas, the request's own Db and Writes: once it writes, it reads from the primary.
    const reads = db.forRequest();
    return {
      requestId,
      viewer,
      loaders: createLoaders(reads, viewer, { batch: options.batching ?? true, onBatch: metrics.recordBatch }),
      writes: writes.forRequest(reads),
    };
  };

  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (lifecycle.health(path, res, () => availability.check())) return;
    const work =
      path === '/health'
        ? availability
            .check()
            .then((reason) =>
              sendJson(res, reason ? 503 : 200, reason ? { status: 'unavailable', reason } : { status: 'ok' }),
            )
        : path === '/graphql'
          ? runGraphQL()
          : path === '/metrics'
            ? sendMetrics(registry, res)
            : Promise.resolve(sendJson(res, 404, { error: 'Not found; the API is at /graphql.' }));

    function runGraphQL(): Promise<void> {
      const requestId = usableRequestId(req.headers['x-request-id']) ?? randomUUID();
      // Statements are counted for every request (metrics, the slow-operation log); QUERY_STATS only shows them.
      return withRequestId(requestId, () =>
        withQueryStats(() =>
          handleGraphQL(apollo, req, res, {
            maxBodyBytes: options.maxBodyBytes,
            context: context(req, requestId),
            gate,
            check: options.limits.fieldLimit,
            subgraphSecret: options.subgraphSecret,
          }),
        ),
      );
    }

    lifecycle.track(work).catch((error: unknown) => {
      // A client that hung up while sending its body: nothing to answer, nothing broken here.
      if (req.destroyed && !req.complete) {
        logger.debug({ reason: (error as Error).message }, 'client hung up before its request was read');
        return;
      }
      logger.error({ err: error }, 'request failed outside GraphQL execution');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else res.destroy();
    });
  });

  await listen(httpServer, options.port, options.host);
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    documentCache,
    stop: async (deadline) => {
      await lifecycle.drain(deadline);
      await apollo.stop();
      availability.stop();
      // The SQLite writing connection (db/transaction.ts) is this server's; the DataSource is the caller's.
      await closeWriter(options.dataSource);
    },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
