import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, graphqlSync, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';

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
  return buildSubgraphSchema([
    {
      typeDefs: parse(printSchemaWithDirectives(schema)),
      resolvers: createResolversMap(schema) as GraphQLResolverMap<unknown>,
    },
    { typeDefs: parse(FEDERATION_LINK), resolvers: references as GraphQLResolverMap<unknown> },
  ]);
}

/** The subgraph SDL as `_service { sdl }` answers it: what the gateway composes. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  const result = graphqlSync({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: string } | undefined)?.sdl;
  if (result.errors?.length || !sdl) throw new Error(`_service { sdl } failed: ${JSON.stringify(result.errors)}`);
  return `${sdl.trimEnd()}\n`;
}
