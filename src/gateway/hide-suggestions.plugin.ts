import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult } from 'graphql';
import { withoutSuggestions } from '../server/client-words';

/**
 * Production: every error of every answer loses graphql-js's "Did you mean …" hints, whichever
 * step made it (validation, variable coercion, a subgraph), as the last step before the answer is
 * written. graphql-armor's own switch covers validation errors only, and left a placeholder.
 */
export function hideSuggestionsPlugin(): GatewayPlugin {
  const clean = (result: ExecutionResult): ExecutionResult =>
    result.errors?.some((error) => withoutSuggestions(error.message) !== error.message)
      ? {
          ...result,
          errors: result.errors.map((error) => {
            const message = withoutSuggestions(error.message);
            if (message === error.message) return error;
            return Object.assign(Object.create(Object.getPrototypeOf(error)), error, { message });
          }),
        }
      : result;
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((item) => clean(item as ExecutionResult)));
      else if (!(Symbol.asyncIterator in (result as object))) setResult(clean(result as ExecutionResult));
    },
  };
}
