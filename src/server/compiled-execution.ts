import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { BREAK, DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, Kind, visit } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Runs the content subgraph's operations as graphql-jit plans instead of graphql-js's interpreter:
 * each distinct operation is compiled once to a JavaScript function and kept in a bounded LRU keyed
 * by Apollo's hash of the query text and the operation's name, so a rotating set of documents (a
 * frontend's handful, the gateway's plans) compiles once each.
 *
 * Apollo Server takes an executor of its own only through its gateway interface, so this is a
 * "gateway" serving the one local schema: Apollo still parses and validates (its document cache,
 * the armor rules), runs the plugins' request hooks and formats errors; only execution is here.
 * What graphql-jit does not do as graphql-js does is done here:
 * - variables are coerced by graphql-js first, so a bad variable is answered with graphql-js's
 *   message (graphql-jit words its own); the plan then coerces the same raw values again;
 * - graphql-jit's errors are not built as graphql-js builds its `GraphQLError`s (Apollo and
 *   errors.ts read `originalError` and `extensions` from those): each is rebuilt as one, with what
 *   was thrown as its `originalError`.
 */
export function compiledExecution(schema: GraphQLSchema, maxPlans: number): GatewayInterface {
  // `INTERPRET`: a document graphql-jit would answer wrongly, run by graphql-js (nestedVariable).
  const plans = new LRUCache<string, CompiledQuery | typeof INTERPRET>({ max: maxPlans });

  const executor: GatewayExecutor = async (request) => {
    const key = `${request.queryHash}\0${request.operationName ?? ''}`;
    let plan = plans.get(key);
    if (!plan) {
      const made = nestedVariable(request.document)
        ? INTERPRET
        : compileQuery(schema, request.document, request.operationName ?? undefined);
      // A document Apollo validated compiles; should one not, the compiler's errors are the answer.
      if (made !== INTERPRET && !isCompiledQuery(made)) return { errors: (made.errors ?? []).map(asGraphQLError) };
      plan = made;
      plans.set(key, plan);
    }
    const variables = request.request.variables ?? {};
    if (plan === INTERPRET) {
      return execute({
        schema,
        document: request.document,
        operationName: request.operationName,
        contextValue: request.context,
        variableValues: variables,
      });
    }
    const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    const result = (await plan.query(undefined, request.context, variables)) as ExecutionResult;
    return result.errors?.length ? { data: result.data, errors: result.errors.map(asGraphQLError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchemaWithDirectives(schema) });
      return () => undefined;
    },
    load: () => Promise.resolve({ executor }),
    stop: () => Promise.resolve(),
  };
}

const INTERPRET = Symbol('interpret');

/**
 * Whether a variable is used inside a list or object literal (`[{ __typename: "Photo", id: $id }]`).
 * graphql-jit reads such a literal once, when it compiles, and a variable inside a custom scalar's
 * literal (federation's `_Any`) comes out missing; graphql-js reads it per request. Gateways send
 * whole variables, so this is rare, and such documents are run by graphql-js.
 */
function nestedVariable(document: DocumentNode): boolean {
  let found = false;
  let depth = 0;
  visit(document, {
    ListValue: { enter: () => void (depth += 1), leave: () => void (depth -= 1) },
    ObjectValue: { enter: () => void (depth += 1), leave: () => void (depth -= 1) },
    Variable(_node, _key, parent) {
      // A variable's definition (`$id: ID!`) holds it too; only uses inside literals count.
      if (depth > 0 && (parent as { kind?: string } | undefined)?.kind !== Kind.VARIABLE_DEFINITION) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * graphql-jit's error as a graphql-js GraphQLError with what was thrown kept. Its own errors pass
 * `instanceof GraphQLError` (their prototype is graphql-js's) but are built by another constructor:
 * `originalError` is not enumerable and nothing else of graphql-js's shape can be relied on.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-js makes locations from AST nodes; graphql-jit gives them made already.
  if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}
