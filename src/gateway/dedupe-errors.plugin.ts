import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GraphQLError } from 'graphql';

/**
 * A subgraph that fails while resolving a list of entities gives one error per entity, all with
 * the same message and path (`article.regions.followers` five times). Clients need it once.
 */
export function dedupeErrorsPlugin(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors || result.errors.length < 2) return;
          const seen = new Set<string>();
          const errors = result.errors.filter((error: GraphQLError) => {
            const key = JSON.stringify([
              error.message,
              error.path,
              error.extensions?.code,
              error.extensions?.serviceName,
            ]);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
          if (errors.length < result.errors.length) setResult({ ...result, errors });
        },
      };
    },
  };
}
