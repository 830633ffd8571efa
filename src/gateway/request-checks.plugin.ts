import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, getVariableValues, GraphQLError } from 'graphql';
import { ErrorCode, isBadLiteralValue } from '../errors';
import { nulCharacterError } from '../server/nul-characters';
import { KnownOperationTypes, tooManyFields } from '../server/query-limits';

/**
 * What the gateway checks of a request before it plans anything, so a client's mistake is answered
 * as its own, in its own words:
 * - the parser stops at `maxTokens` (graphql-js's own limit), before a huge document reaches the
 *   cache, and a document over `maxFields` fields is refused before validation, whose
 *   overlapping-fields rule is quadratic in the number of fields (server/query-limits.ts);
 * - variables are coerced against the operation's definitions here: left to the gateway's executor,
 *   a wrong type, a missing required variable or an unknown input field became "Unexpected error";
 * - a NUL character in any text is refused (server/nul-characters.ts), before the gateway renames
 *   variables for its subgraph requests;
 * - as in the content service (errors.ts), a value of the wrong type written inline is the same
 *   mistake as one sent in a variable, and gets the same code, BAD_USER_INPUT.
 */
/**
 * Yoga's marking of a request error: 400 under `application/graphql-response+json`, and 200 under
 * `application/json` as the GraphQL-over-HTTP spec asks of legacy clients.
 */
export const REQUEST_ERROR = { spec: true, status: 400 };

export function requestChecksPlugin(options: {
  maxTokens: number;
  maxFields: number;
  /** Introspection is answered: a document that only reads the schema has a larger field limit. */
  introspection: boolean;
}): GatewayPlugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, parseOptions) => {
        const document = parseFn(source, { ...parseOptions, maxTokens: options.maxTokens });
        const error = tooManyFields(document, options.maxFields, REQUEST_ERROR, options.introspection);
        if (error) throw error;
        return document;
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypes);
      return ({ result, setResult }) => {
        if (!result.some(isBadLiteralValue)) return;
        setResult(
          result.map((error) =>
            isBadLiteralValue(error)
              ? new GraphQLError(error.message, {
                  nodes: error.nodes,
                  source: error.source,
                  positions: error.positions,
                  extensions: { ...error.extensions, code: ErrorCode.BadUserInput },
                })
              : error,
          ),
        );
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const inputs = (args.variableValues ?? {}) as Record<string, unknown>;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 20 });
      const errors =
        coerced.errors?.map(
          (error) =>
            new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { code: 'BAD_USER_INPUT', http: REQUEST_ERROR },
            }),
        ) ?? [nulCharacterError(args.document, inputs, REQUEST_ERROR)].filter((error) => error !== null);
      if (errors.length) setResultAndStopExecution({ errors });
    },
  };
}
