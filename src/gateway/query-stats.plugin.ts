import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

interface SubgraphStats {
  requests: number;
  sqlStatements: number;
}

/**
 * Adds `extensions.queryStats` to the gateway's response: per subgraph, how many requests the
 * gateway sent it and the SQL statements those requests ran (from each subgraph's own
 * `extensions.queryStats`, when it reports them), plus the total. It is how a test or an operator
 * sees through the gateway that a hundred entities cost one statement. Off unless QUERY_STATS is on.
 */
export function queryStatsPlugin(): GatewayPlugin {
  const byRequest = new WeakMap<object, Record<string, SubgraphStats>>();
  const statsOf = (context: object) => {
    let stats = byRequest.get(context);
    if (!stats) byRequest.set(context, (stats = {}));
    return stats;
  };

  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (!context) return;
      const entry = (statsOf(context)[subgraphName] ??= { requests: 0, sqlStatements: 0 });
      entry.requests += 1;
      return ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        const reported = (result.extensions?.queryStats as { sqlStatements?: unknown } | undefined)?.sqlStatements;
        if (typeof reported === 'number') entry.sqlStatements += reported;
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const subgraphs = byRequest.get(args.contextValue as object);
          if (!subgraphs || Symbol.asyncIterator in result) return;
          const sqlStatements = Object.values(subgraphs).reduce((sum, entry) => sum + entry.sqlStatements, 0);
          setResult({ ...result, extensions: { ...result.extensions, queryStats: { sqlStatements, subgraphs } } });
        },
      };
    },
  };
}
