import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { GraphQLError, ParseOptions, ValidationContext } from 'graphql';
import type { Config } from '../config';

type LimitsConfig = Pick<Config, 'env' | 'queryLimits'>;

/**
 * Rejects abusive operations before any resolver runs: too many tokens (parser exhaustion, and
 * validation that is quadratic in the number of fields), too deep (a region's ancestors' articles'
 * regions' …), too many aliases (the same expensive list asked for a hundred times), or too costly.
 * The gateway and the content subgraph apply the same limits: clients meet them at the gateway, and
 * a subgraph reached directly is no weaker.
 *
 * The token limit is graphql-js's own parser option (`maxTokens`): the parser stops at the first
 * token over it, so an oversized document costs microseconds and never reaches validation.
 * graphql-armor's max-tokens is not used: it reports through a validation context that the parser
 * does not have (so it rejected nothing), and on Apollo it throws from a hook (an HTTP 500).
 * Depth, aliases, directives and cost are graphql-armor's validation rules; their errors name the
 * limit and the value found.
 */
export function armorConfig(config: LimitsConfig): GraphQLArmorConfig {
  const { maxDepth, maxAliases, maxCost } = config.queryLimits;
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
    maxTokens: { enabled: false },
    maxDepth: { n: maxDepth, ignoreIntrospection: true, ...reject },
    maxAliases: { n: maxAliases, ...reject },
    maxDirectives: { n: 50, ...reject },
    costLimit: { maxCost, ignoreIntrospection: true, ...reject },
    // "Did you mean …" reveals the schema field by field; in production it is removed (not masked:
    // a placeholder left messages ending in "[Suggestion hidden]?").
    blockFieldSuggestion: { enabled: config.env === 'production', mask: '' },
  };
}

export const parseOptions = (config: LimitsConfig): ParseOptions => ({ maxTokens: config.queryLimits.maxTokens });

/** For Apollo Server (the content subgraph): the parser's limit, validation rules, and suggestions off in production. */
export function queryLimits(config: LimitsConfig) {
  const { validationRules } = new ApolloArmor({
    ...armorConfig(config),
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: parseOptions(config),
    validationRules,
    // Apollo's own switch for the same thing, applied to every error it formats.
    hideSchemaDetailsFromClientErrors: config.env === 'production',
  };
}
