import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config';

/**
 * Rejects abusive operations before any resolver runs: too deep (a region's ancestors' articles'
 * regions' …), too many aliases (the same expensive list asked for a hundred times), too many
 * tokens (parser exhaustion) or too costly. graphql-armor does this as validation rules; its
 * errors name the limit and the value found. Field suggestions ("Did you mean …") stay on outside
 * production, where they help more than they reveal.
 */
export function queryLimits(config: Pick<Config, 'env' | 'queryLimits'>) {
  const { maxDepth, maxAliases, maxTokens, maxCost } = config.queryLimits;
  return new ApolloArmor({
    maxDepth: { n: maxDepth, ignoreIntrospection: true },
    maxAliases: { n: maxAliases },
    maxTokens: { n: maxTokens },
    maxDirectives: { n: 50 },
    costLimit: { maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}
