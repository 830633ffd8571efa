import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, RETRY_AFTER_SECONDS } from '../errors';

/**
 * What the HTTP answer says about the request, for every Apollo service:
 * - `x-request-id`: the id every log line of the request carries (the gateway's, or made up);
 * - SERVICE_UNAVAILABLE (a database that cannot serve, met while resolving) makes it a 503 with
 *   Retry-After, so load balancers, the gateway and clients see a retryable failure, not a 200;
 * - an INTERNAL_SERVER_ERROR, whose details only the log has, carries the request's id, which
 *   every log line of that request carries too, so a report can be matched with its log.
 */
export function errorResponsePlugin<C extends { requestId?: string }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const requestId = contextValue.requestId;
          if (requestId) response.http.headers.set('x-request-id', requestId);
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (!singleResult.errors?.length) return;
          if (singleResult.errors.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
          if (!requestId) return;
          singleResult.errors = singleResult.errors.map((error) =>
            error.extensions?.code === ErrorCode.Internal
              ? { ...error, extensions: { ...error.extensions, requestId } }
              : error,
          );
        },
      };
    },
  };
}
