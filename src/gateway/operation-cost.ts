import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  ArgumentNode,
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** The page-size arguments graphql-armor's cost rule multiplies a list's cost by. */
const PAGE_SIZES = ['first', 'last'];
/** Costs kept per document, one per combination of page-size values; past it, counted per request. */
const PAGE_SIZE_VARIANTS = 16;

export type OperationCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
) => number;

/**
 * An operation's cost as QUERY_MAX_COST means it: graphql-armor's own cost rule, run alone with no
 * ceiling, on the operation as it will run. The rule multiplies a list by `first`/`last` only when
 * they are written as numbers, so a page size passed as a variable (`first: $n`, as every client
 * operation does) or left to its default counted as 1: a 1.7-million-point query passed as 200.
 * Page sizes are therefore written into the document from the request's variables (or the
 * variable's or argument's default) before counting. A cost depends on the document and the values
 * of the variables its page sizes read, of which clients send a few (a page of 20, of 100): each
 * is counted once and kept beside the document, up to PAGE_SIZE_VARIANTS of them.
 */
export function operationCosts(options: CostLimitOptions = {}): OperationCost {
  const byDocument = new WeakMap<DocumentNode, { pageSizeVariables: string[]; costs: Map<string, number[]> }>();
  const count = (schema: GraphQLSchema, document: DocumentNode) => {
    const found: number[] = [];
    const rule = costLimitRule({
      ...options,
      maxCost: Infinity,
      propagateOnRejection: false,
      onReject: [],
      onAccept: [(_context, { n }) => found.push(n)],
    });
    validate(schema, document, [rule]);
    return found;
  };
  return (schema, document, operationName, variables = {}) => {
    let known = byDocument.get(document);
    if (!known) {
      known = { pageSizeVariables: pageSizeVariables(document), costs: new Map() };
      byDocument.set(document, known);
    }
    const values = JSON.stringify(known.pageSizeVariables.map((name) => variables[name] ?? null));
    let costs = known.costs.get(values);
    if (!costs) {
      costs = count(schema, withPageSizes(schema, document, variables));
      if (known.costs.size < PAGE_SIZE_VARIANTS) known.costs.set(values, costs);
    }
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const index = operationName ? operations.findIndex((operation) => operation.name?.value === operationName) : 0;
    return costs[Math.max(index, 0)] ?? 0;
  };
}

/**
 * Refuses an operation whose cost with its variables is over `maxCost` (graphql-armor refuses the
 * same at validation, where variables are unknown), before it runs; the message is armor's.
 */
export function costCheckPlugin(maxCost: number, costOf: OperationCost): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(args.schema, args.document, args.operationName, args.variableValues ?? undefined);
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${cost}.`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          }),
        ],
      });
    },
  };
}

/** The variables a document's page sizes read, in document order. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (PAGE_SIZES.includes(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}

/** `document` with every page size written as a number: from `variables`, or the defaults. */
function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): DocumentNode {
  const variableDefaults = new Map<string, unknown>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue?.kind === Kind.INT) {
        variableDefaults.set(variable.variable.name.value, Number(variable.defaultValue.value));
      }
    }
  }
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field) return undefined;
        const args = [...(node.arguments ?? [])];
        let changed = false;
        for (const name of PAGE_SIZES) {
          const declared = field.args.find((arg) => arg.name === name);
          if (!declared) continue;
          const given = args.find((arg) => arg.name.value === name);
          let size: unknown;
          if (!given) size = declared.defaultValue;
          else if (given.value.kind === Kind.VARIABLE) {
            const variable = given.value.name.value;
            size = variables[variable] ?? variableDefaults.get(variable) ?? declared.defaultValue;
          } else continue;
          if (typeof size !== 'number' || !Number.isInteger(size)) continue;
          const written: ArgumentNode = {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: name },
            value: { kind: Kind.INT, value: String(size) },
          };
          if (given) args[args.indexOf(given)] = written;
          else args.push(written);
          changed = true;
        }
        return changed ? { ...node, arguments: args } : undefined;
      },
    }),
  );
}
