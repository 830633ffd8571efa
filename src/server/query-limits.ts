import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { GraphQLError, ValidationContext } from 'graphql';
import type { Config } from '../config';

/**
 * Rejects abusive operations before any resolver runs: too deep (a region's ancestors' articles'
 * regions' …), too many aliases (the same expensive list asked for a hundred times), too many
 * tokens (parser exhaustion) or too costly. graphql-armor does this as validation rules; its
 * errors name the limit and the value found. Field suggestions ("Did you mean …") stay on outside
 * production, where they help more than they reveal. The gateway and the content subgraph apply
 * the same limits: clients meet them at the gateway, and a subgraph reached directly is no weaker.
 */
export function armorConfig(config: Pick<Config, 'env' | 'queryLimits'>): GraphQLArmorConfig {
  const { maxDepth, maxAliases, maxTokens, maxCost } = config.queryLimits;
  // Report a rejection as a validation error of the request. graphql-armor's default for envelop
  // (the gateway) throws from the validation rule instead, which the gateway can only treat as a bug.
  const reject = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
    ],
  };
  return {
    maxDepth: { n: maxDepth, ignoreIntrospection: true, ...reject },
    maxAliases: { n: maxAliases, ...reject },
    maxTokens: { n: maxTokens, ...reject },
    maxDirectives: { n: 50, ...reject },
    costLimit: { maxCost, ignoreIntrospection: true, ...reject },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  };
}

/** For Apollo Server (the content subgraph): validation rules and plugins. */
export const queryLimits = (config: Pick<Config, 'env' | 'queryLimits'>) =>
  new ApolloArmor(armorConfig(config)).protect();
