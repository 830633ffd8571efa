import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { createHash } from 'node:crypto';
import {
  DocumentNode,
  GraphQLError,
  Kind,
  parse,
  ParseOptions,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';

type LimitsConfig = Pick<Config, 'env' | 'queryLimits' | 'introspection'>;

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

/**
 * A subgraph receives the gateway's plans, which add `__typename` and key fields to what a client
 * asked for: it allows this many times the fields the gateway does.
 */
export const SUBGRAPH_FIELD_ALLOWANCE = 2;

/**
 * The fields a document selects, each fragment counted where it is spread, stopping once past
 * `max`. Checked after parsing and before validation: graphql-js's rule that same-named fields
 * can be merged compares them pairwise, recursively, so its time grows with the square of this
 * number (a 30 KB query of 2,800 fields took 18 s), which no token limit bounds.
 */
export function selectedFields(document: DocumentNode, max: number): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
    ),
  );
  const perFragment = new Map<string, number>();
  const open = new Set<string>();
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    let fields = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields += 1 + count(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet);
      else {
        const name = selection.name.value;
        // A fragment spread inside itself is a cycle, which validation reports; it adds nothing here.
        if (open.has(name)) continue;
        let inFragment = perFragment.get(name);
        if (inFragment === undefined) {
          open.add(name);
          inFragment = count(fragments.get(name));
          open.delete(name);
          perFragment.set(name, inFragment);
        }
        fields += inFragment;
      }
      if (fields > max) return fields;
    }
    return fields;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += count(definition.selectionSet);
    if (total > max) break;
  }
  return total;
}

/**
 * The fields an operation that only reads the schema may select: twice what graphql-js's
 * `getIntrospectionQuery()`, which GraphiQL sends for its docs and completion, selects with every
 * option on (230; 220 without), which is over a normal query's limit (its type-reference fragment
 * nests `ofType` nine deep and is spread wherever a type is named). Such a document is still bounded:
 * validation time grows with the square of its fields whatever they are, and graphql-armor's depth
 * and cost limits do not count introspection (its alias limit does).
 */
export const INTROSPECTION_MAX_FIELDS = 500;

const SCHEMA_FIELDS = new Set(['__schema', '__type']);

/**
 * Whether every operation selects, at its root, only fields that read the schema: written as
 * fields, so a fragment at the root (which could hold anything) does not qualify.
 */
export function selectsOnlySchema(document: DocumentNode): boolean {
  return document.definitions.every(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && SCHEMA_FIELDS.has(selection.name.value),
      ),
  );
}

/**
 * The error for a document over `max` fields, or null; `http` is each server's status extension.
 * With `introspection` on, a document that only reads the schema may select up to
 * INTROSPECTION_MAX_FIELDS instead.
 */
export function tooManyFields(
  document: DocumentNode,
  limit: number,
  http: Record<string, unknown>,
  introspection = false,
): GraphQLError | null {
  const max = introspection && selectsOnlySchema(document) ? Math.max(limit, INTROSPECTION_MAX_FIELDS) : limit;
  const fields = selectedFields(document, max);
  if (fields <= max) return null;
  return new GraphQLError(
    `The operation selects more than ${max} fields (fragments counted where they are spread); ask for fewer, or split it.`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http } },
  );
}

/**
 * For the subgraphs (Apollo Server): the field limit, checked on a request's query text before
 * Apollo parses and validates it. Apollo offers no hook between the two that can refuse a request
 * with a client error (an error thrown from a parsing hook becomes an HTTP 500), so the text is
 * parsed here once more, without locations; texts that passed are remembered by their hash, so a
 * query a client sends again costs a hash and a lookup.
 */
export function fieldLimitCheck(config: LimitsConfig): (query: string) => GraphQLError | null {
  const max = config.queryLimits.maxFields * SUBGRAPH_FIELD_ALLOWANCE;
  const passed = new LRUCache<string, true>({ max: 5_000 });
  return (query) => {
    const key = createHash('sha256').update(query).digest('base64url');
    if (passed.get(key)) return null;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: config.queryLimits.maxTokens, noLocation: true });
    } catch {
      return null; // Apollo's own parse reports it, with locations.
    }
    const error = tooManyFields(document, max, {}, config.introspection);
    if (!error) passed.set(key, true);
    return error;
  };
}

/**
 * An operation of a type the schema has no root for (a subscription, here) is a validation error.
 * graphql-js 16 leaves that to execution, which fails with an uncoded error a client would see as
 * an internal one (graphql-js 17 has this rule as KnownOperationTypesRule).
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations; send a query or a mutation.`, { nodes: node }),
      );
    }
  },
});

/** For Apollo Server (the subgraphs): the parser's limit, the field limit, validation rules, and suggestions off in production. */
export function queryLimits(config: LimitsConfig) {
  const { validationRules } = new ApolloArmor({
    ...armorConfig(config),
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: parseOptions(config),
    fieldLimit: fieldLimitCheck(config),
    validationRules: [KnownOperationTypes, ...validationRules],
    // Apollo's own switch for the same thing, applied to every error it formats.
    hideSchemaDetailsFromClientErrors: config.env === 'production',
  };
}
