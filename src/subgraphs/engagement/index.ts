import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { serviceLogger, withRequestId } from '../../logger';
import { handleGraphQL, sendJson } from '../../server/apollo-http';
import { requestFormWords, usableRequestId, withoutSuggestions } from '../../server/client-words';
import { HttpLifecycle, listen } from '../../server/http-lifecycle';
import { OperationMetrics, sendMetrics, serviceRegistry } from '../../server/metrics';
import { operationMetricsPlugin } from '../../server/operation-metrics.plugin';
import type { queryLimits } from '../../server/query-limits';
import { buildEngagementSchema, EngagementContext } from './engagement.schema';
import { EngagementStore } from './engagement.store';

export interface RunningEngagement {
  readonly url: string;
  /** Drains (server/http-lifecycle.ts) until `deadline` (epoch ms) at the latest, then closes. */
  stop(deadline?: number): Promise<void>;
}

/**
 * The example partner subgraph: its own store, its own server, nothing shared with the content
 * service but the keys of the entities it extends (and the small Apollo-on-node:http adapter, the
 * metrics and the log).
 */
export async function startEngagementServer(options: {
  port: number;
  host?: string;
  store?: EngagementStore;
  /** The same query limits as the content subgraph (server/query-limits.ts). */
  limits: ReturnType<typeof queryLimits>;
  maxBodyBytes: number;
  introspection?: boolean;
  /** Only requests the gateway signed with it are answered (server/subgraph-signature.ts). */
  subgraphSecret?: string;
  /** Operations that take this long or longer are logged at warn level. */
  slowOperationMs: number;
}): Promise<RunningEngagement> {
  const store = options.store ?? new EngagementStore();
  const httpServer = createServer();
  const log = serviceLogger('engagement');
  const lifecycle = new HttpLifecycle(httpServer, log);
  const registry = serviceRegistry('engagement');
  const apollo = new ApolloServer<EngagementContext>({
    schema: buildEngagementSchema(),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? true,
    // The gateway sends whole documents; automatic persisted queries would only be another input to
    // validate (a malformed one was answered as an internal error).
    persistedQueries: false,
    parseOptions: options.limits.parseOptions,
    validationRules: options.limits.validationRules,
    hideSchemaDetailsFromClientErrors: options.limits.hideSchemaDetailsFromClientErrors,
    // The content subgraph's words (server/client-words.ts), and in production no hints beyond
    // validation's, which Apollo's switch covers.
    formatError: (formatted) => {
      const message = requestFormWords(formatted.message);
      const hide = options.limits.hideSchemaDetailsFromClientErrors;
      return { ...formatted, message: hide ? withoutSuggestions(message) : message };
    },
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      operationMetricsPlugin({
        metrics: new OperationMetrics(registry),
        slowOperationMs: options.slowOperationMs,
        log,
      }),
    ],
  });
  await apollo.start();

  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    // Its store is in memory: ready as soon as it listens, until it drains.
    if (lifecycle.health(path, res, () => Promise.resolve(null))) return;
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === '/metrics') return void sendMetrics(registry, res);
    if (path !== '/graphql') return sendJson(res, 404, { error: 'Not found; the API is at /graphql.' });
    const requestId = usableRequestId(req.headers['x-request-id']) ?? randomUUID();
    const work = withRequestId(requestId, () =>
      handleGraphQL(apollo, req, res, {
        maxBodyBytes: options.maxBodyBytes,
        context: async () => ({ store }),
        check: options.limits.fieldLimit,
        subgraphSecret: options.subgraphSecret,
      }),
    );
    lifecycle.track(work).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.destroy();
    });
  });
  await listen(httpServer, options.port, options.host);
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    stop: async (deadline) => {
      await lifecycle.drain(deadline);
      await apollo.stop();
    },
  };
}
