import { performance } from 'node:perf_hooks';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import useMeshPrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import { getOperationAST } from 'graphql';
import type { Registry } from 'prom-client';
import { OperationMetrics, loggedOperationName } from '../server/metrics';
import type { SlowOperationLog } from '../server/operation-metrics.plugin';

/** One client request on its way through the gateway. */
interface InFlight {
  start: number;
  /** The operation's name once its document parsed: null for an anonymous one. */
  operation?: string | null;
  /** Requests sent to each subgraph for it: the gateway's cost of an operation. */
  readonly subgraphRequests: Record<string, number>;
}

/**
 * The gateway's metrics and slow-operation log.
 *
 * Per subgraph (request latency and errors): Hive Gateway's own Prometheus plugin, which times
 * every subgraph execution, labelled by subgraph only (its default labels add the operation name
 * the client chose, unbounded, to every bucket).
 *
 * Per operation (requests, errors by code, latency): OperationMetrics, as on the subgraphs, so one
 * query covers the three services. Not the plugin's own series: its error counter sees errors before
 * the gateway's masking (Yoga masks after every plugin), so its codes are not those clients get, and
 * it labels each with the error's path (list indices included); its request counter leaves out
 * requests refused before execution (a validation error); and every one of them labels by the
 * client's operation name unbounded.
 */
export function gatewayMetricsPlugins(options: {
  registry: Registry;
  slowOperationMs: number;
  log: SlowOperationLog;
  /** Hive's logger, which the Prometheus plugin requires. */
  hiveLog: Parameters<typeof useMeshPrometheus>[0]['log'];
}): GatewayPlugin[] {
  const { registry } = options;
  const metrics = new OperationMetrics(registry);
  const inFlight = new WeakMap<Request, InFlight>();
  const requestOf = (context: unknown) => (context as { request?: Request } | undefined)?.request;

  const operations: GatewayPlugin = {
    onRequest({ request }) {
      inFlight.set(request, { start: performance.now(), subgraphRequests: {} });
    },
    // Timed from when its body has arrived: a client that sends slowly is not a slow operation.
    onParams({ request }) {
      const entry = inFlight.get(request);
      if (entry) entry.start = performance.now();
    },
    onParse({ context }) {
      return ({ result }) => {
        const entry = inFlight.get(context.request);
        // A batch (when allowed) is one request, named after its first operation.
        if (!entry || entry.operation !== undefined || result instanceof Error) return;
        entry.operation = getOperationAST(result, context.params.operationName)?.name?.value ?? null;
      };
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const request = requestOf(executionRequest.context);
      const entry = request && inFlight.get(request);
      if (entry) entry.subgraphRequests[subgraphName] = (entry.subgraphRequests[subgraphName] ?? 0) + 1;
    },
    // The answer as the client gets it: errors masked (mask-error.ts), with their final codes.
    onResultProcess({ request, result }) {
      const entry = inFlight.get(request);
      if (!entry) return;
      inFlight.delete(request);
      const milliseconds = performance.now() - entry.start;
      const results = Symbol.asyncIterator in result ? [] : Array.isArray(result) ? result : [result];
      const operation = metrics.operationLabel(entry.operation);
      metrics.record(
        operation,
        milliseconds / 1000,
        results.flatMap((each) => each.errors ?? []),
      );
      if (milliseconds >= options.slowOperationMs) {
        options.log.warn(
          {
            operation: loggedOperationName(entry.operation),
            durationMs: Math.round(milliseconds),
            subgraphRequests: entry.subgraphRequests,
          },
          'slow operation',
        );
      }
    },
  };

  const subgraphs = useMeshPrometheus({
    log: options.hiveLog,
    registry,
    // /metrics is served by the gateway's own HTTP handler, beside /health.
    endpoint: false,
    metrics: {
      graphql_gateway_subgraph_execute_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_gateway_subgraph_request_duration_seconds',
          help: 'Time one request to a subgraph took, from the gateway, by subgraph',
          labelNames: ['subgraph'],
        },
        fillLabelsFn: ({ subgraphName }) => ({ subgraph: subgraphName }),
        phases: ['subgraphExecute'],
      }),
      graphql_gateway_subgraph_execute_errors: createCounter({
        registry,
        counter: {
          name: 'graphql_gateway_subgraph_errors_total',
          help: 'Errors in subgraph answers (an unreachable or timed-out subgraph is one), by subgraph',
          labelNames: ['subgraph'],
        },
        fillLabelsFn: ({ subgraphName }) => ({ subgraph: subgraphName }),
        phases: ['subgraphExecute'],
      }),
      graphql_envelop_schema_change: 'graphql_gateway_supergraph_loads_total',
      graphql_envelop_request: false,
      graphql_envelop_request_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_error_result: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_execute_resolver: false,
      graphql_yoga_http_duration: false,
      graphql_gateway_fetch_duration: false,
    },
  });
  return [subgraphs, operations];
}
