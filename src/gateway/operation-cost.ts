import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import { DocumentNode, GraphQLSchema, Kind, validate } from 'graphql';

/**
 * An operation's cost as QUERY_MAX_COST counts it: graphql-armor's own cost rule, run alone with no
 * ceiling, so a rate limit charges exactly what the query limits measured. The rule reports one cost
 * per operation of a document, in document order; they are computed once per parsed document and
 * kept beside it (the gateway's document cache hands out the same DocumentNode for the same text,
 * and an entry goes when its document does).
 */
export function operationCosts(options: CostLimitOptions = {}) {
  const byDocument = new WeakMap<DocumentNode, number[]>();
  return (schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): number => {
    let costs = byDocument.get(document);
    if (!costs) {
      const found: number[] = [];
      const rule = costLimitRule({
        ...options,
        maxCost: Infinity,
        propagateOnRejection: false,
        onReject: [],
        onAccept: [(_context, { n }) => found.push(n)],
      });
      validate(schema, document, [rule]);
      byDocument.set(document, (costs = found));
    }
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const index = operationName ? operations.findIndex((operation) => operation.name?.value === operationName) : 0;
    return costs[Math.max(index, 0)] ?? 0;
  };
}
