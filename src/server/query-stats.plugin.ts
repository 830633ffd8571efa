import type { ApolloServerPlugin } from '@apollo/server';
import { currentQueryStats } from '../db/query-stats';

/**
 * Adds `extensions.queryStats` to every response. The count is taken from the scope the HTTP
 * handler opened (withQueryStats), so statements run by any loader or resolver are included.
 */
export const queryStatsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const stats = currentQueryStats();
        if (!stats || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, queryStats: { sqlStatements: stats.sqlStatements } };
      },
    };
  },
};
