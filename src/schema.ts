import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ArticleResolver } from './article/article.resolver';
import { NodeResolver } from './node/node.resolver';
import { PhotoResolver } from './photo/photo.resolver';
import { RegionResolver } from './region/region.resolver';
import { SourceResolver } from './source/source.resolver';

export const resolvers = [ArticleResolver, SourceResolver, PhotoResolver, RegionResolver, NodeResolver] as const;

/** The content schema as type-graphql builds it from the decorated classes. */
export function buildContentSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // Input validation is explicit in resolvers and inputs (see errors.ts), not class-validator's
    // global pass, which would run for every argument of every request.
    validate: false,
  });
}
