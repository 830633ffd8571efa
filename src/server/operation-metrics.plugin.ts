import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST, GraphQLError } from 'graphql';
import { OperationMetrics, loggedOperationName } from './metrics';

export interface SlowOperationLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Records every GraphQL request an Apollo server answers (content, engagement) in its
 * OperationMetrics, and logs one that took `slowOperationMs` or longer at warn level with its name,
 * duration and cost. The clock starts when Apollo starts on the request: after its body was read
 * and its context built (the API key checked) and, on the content service, after it waited for a
 * slot in the request gate (whose queue has its own gauge).
 */
export function operationMetricsPlugin(options: {
  metrics: OperationMetrics;
  slowOperationMs: number;
  log: SlowOperationLog;
  /**
   * Called once as each request ends, with its operation's label: what the request cost, logged
   * with a slow one (the content service's SQL statements, which it also records per operation).
   */
  cost?: (operation: string) => Record<string, number>;
}): ApolloServerPlugin {
  return {
    // Refused while its context was built (a bad API key, the database unreachable): counted with its
    // error, under no operation name (the document is read later) and untimed, as it never started.
    async contextCreationDidFail({ error }) {
      const answered = error instanceof GraphQLError ? error : { extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      options.metrics.record(options.metrics.operationLabel(undefined), undefined, [answered]);
    },
    async requestDidStart() {
      const start = performance.now();
      return {
        async willSendResponse(request) {
          const milliseconds = performance.now() - start;
          const name = operationName(request);
          const operation = options.metrics.operationLabel(name);
          const { body } = request.response;
          options.metrics.record(
            operation,
            milliseconds / 1000,
            body.kind === 'single' ? body.singleResult.errors : [],
          );
          const cost = options.cost?.(operation);
          if (milliseconds >= options.slowOperationMs) {
            options.log.warn(
              { operation: loggedOperationName(name), durationMs: Math.round(milliseconds), ...cost },
              'slow operation',
            );
          }
        },
      };
    },
  };
}

/** The operation's name; Apollo resolves it only once the document validates, and a failed one has a name too. */
function operationName(request: GraphQLRequestContextWillSendResponse<BaseContext>): string | null | undefined {
  if (request.operationName !== undefined || !request.document) return request.operationName;
  return getOperationAST(request.document, request.request.operationName)?.name?.value;
}
