import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ArticleMutations } from './article/article.mutations';
import { ArticleResolver } from './article/article.resolver';
import { authChecker } from './auth/auth-checker';
import { NodeResolver } from './node/node.resolver';
import { PhotoMutations } from './photo/photo.mutations';
import { PhotoResolver } from './photo/photo.resolver';
import { RegionMutations } from './region/region.mutations';
import { RegionResolver } from './region/region.resolver';
import { SourceMutations } from './source/source.mutations';
import { SourceResolver } from './source/source.resolver';
import { TombstoneResolver } from './tombstone/tombstone.resolver';

export const resolvers = [
  ArticleResolver,
  SourceResolver,
  PhotoResolver,
  RegionResolver,
  NodeResolver,
  ArticleMutations,
  SourceMutations,
  PhotoMutations,
  RegionMutations,
  TombstoneResolver,
] as const;

/** The content schema as type-graphql builds it from the decorated classes. */
export function buildContentSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // Who may call what is decided in one place: @Authorized(roles) on a field, checked there.
    authChecker,
    // Input validation is explicit in resolvers and inputs (see errors.ts), not class-validator's
    // global pass, which would run for every argument of every request.
    validate: false,
  });
}
