import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLFieldResolver, GraphQLSchema, GraphQLUnionType, graphqlSync, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { badInput } from '../errors';

/**
 * The Federation 2 version this service speaks. v2.3 is the newest both the composer the gateway
 * uses (@theguild/federation-composition) and @apollo/subgraph know well; nothing here needs later.
 */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

export type ReferenceResolvers<TContext> = GraphQLResolverMap<TContext>;

/**
 * Turns type-graphql's schema into a Federation 2 subgraph: the SDL is printed with the `@key`
 * directives the entity classes declare, and given back to @apollo/subgraph together with the
 * resolvers type-graphql built, plus each entity's `__resolveReference`. Modules, not a merged
 * map: buildSubgraphSchema adds each module's resolvers in turn, so the two never overwrite.
 */
export function toSubgraphSchema<TContext>(
  schema: GraphQLSchema,
  references: ReferenceResolvers<TContext>,
): GraphQLSchema {
  const subgraph = buildSubgraphSchema([
    {
      typeDefs: parse(printSchemaWithDirectives(schema)),
      resolvers: createResolversMap(schema) as GraphQLResolverMap<unknown>,
    },
    { typeDefs: parse(FEDERATION_LINK), resolvers: references as GraphQLResolverMap<unknown> },
  ]);
  checkRepresentations(subgraph);
  return subgraph;
}

/**
 * `_entities` checks its representations before @apollo/subgraph resolves them: that library
 * throws a plain Error for one without `__typename` or naming a type it does not know, which would
 * reach a caller as an internal error instead of saying what is wrong with the request.
 */
function checkRepresentations(subgraph: GraphQLSchema): void {
  const field = subgraph.getQueryType()?.getFields()._entities;
  const entityTypes = (subgraph.getType('_Entity') as GraphQLUnionType | undefined)?.getTypes().map((t) => t.name);
  if (!field?.resolve || !entityTypes) return;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((representation: unknown, index) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename !== 'string' || !entityTypes.includes(typename)) {
        throw badInput(
          `representations[${index}].__typename`,
          `Each representation needs a __typename naming one of ${entityTypes.join(', ')}; ` +
            `representation ${index} has ${typename === undefined ? 'none' : JSON.stringify(typename)}.`,
        );
      }
    });
    return resolve(source, args, context, info);
  };
}

/** The subgraph SDL as `_service { sdl }` answers it: what the gateway composes. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  const result = graphqlSync({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: string } | undefined)?.sdl;
  if (result.errors?.length || !sdl) throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors)}`);
  return `${sdl.trimEnd()}\n`;
}
