import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { ArticleStatsResolver } from './analytics/article-stats.resolver';
import { TopSourcesResolver } from './analytics/top-sources.resolver';
import { ArticleMutations } from './article/article.mutations';
import { resolveArticleReference } from './article/article.reference';
import { ArticleResolver } from './article/article.resolver';
import { RegionArticlesResolver, SourceArticlesResolver } from './article/parent-articles.resolver';
import { authChecker } from './auth/auth-checker';
import { FactCheckMutations } from './fact-check/fact-check.mutations';
import { ArticleFactChecksResolver, FactCheckResolver } from './fact-check/fact-check.resolver';
import { toSubgraphSchema } from './federation/subgraph-schema';
import { resolvePhotoReference } from './photo/photo.reference';
import { resolveRegionReference } from './region/region.reference';
import { resolveSourceReference } from './source/source.reference';
import { NodeResolver } from './node/node.resolver';
import { PhotoMutations } from './photo/photo.mutations';
import { PhotoResolver } from './photo/photo.resolver';
import { RegionMutations } from './region/region.mutations';
import { RegionResolver } from './region/region.resolver';
import { ImporterMutations } from './importer/importer.mutations';
import { SearchResolver } from './search/search.resolver';
import { ArticleNinjsResolver } from './syndication/article-ninjs.resolver';
import { ChangeFeedResolver } from './syndication/changes.resolver';
import { SourceMutations } from './source/source.mutations';
import { SourceResolver } from './source/source.resolver';
import { TombstoneResolver } from './tombstone/tombstone.resolver';
import { WebhookMutations } from './webhooks/webhook.mutations';
import { WebhookDeliveryResolver, WebhookResolver } from './webhooks/webhook.resolver';

export const resolvers = [
  ArticleResolver,
  SourceResolver,
  SourceArticlesResolver,
  RegionArticlesResolver,
  PhotoResolver,
  RegionResolver,
  NodeResolver,
  ArticleMutations,
  SourceMutations,
  PhotoMutations,
  RegionMutations,
  ImporterMutations,
  TombstoneResolver,
  SearchResolver,
  ArticleNinjsResolver,
  ChangeFeedResolver,
  ArticleFactChecksResolver,
  FactCheckResolver,
  FactCheckMutations,
  ArticleStatsResolver,
  TopSourcesResolver,
  WebhookResolver,
  WebhookDeliveryResolver,
  WebhookMutations,
] as const;

/** How the gateway turns a representation (`{ __typename, id }`, `{ slug }`, …) into an entity. */
export const referenceResolvers = {
  Article: { __resolveReference: resolveArticleReference },
  Source: { __resolveReference: resolveSourceReference },
  Photo: { __resolveReference: resolvePhotoReference },
  Region: { __resolveReference: resolveRegionReference },
};

/**
 * Marks every `@Field` that only reads a property `simple`, so that type-graphql gives it no
 * resolver and graphql-js reads the property itself. Otherwise type-graphql wraps each such field
 * in a function that allocates a resolver-data object per value, which is most of the fields of
 * every answer (a hundred articles with everything is ~6,000 of them). A field keeps its wrapper
 * when anything must run there: `@Authorized` roles, a middleware (of the field or of its class),
 * arguments, a schema name other than its property's (graphql-js reads the property by the schema
 * name), or a `simple` setting of its own. Fields resolved by a `@FieldResolver` or a method are
 * not affected: type-graphql resolves those with their own resolver whatever `simple` says.
 * Applied to type-graphql's own metadata because `simpleResolvers` is all or nothing per class.
 */
export function resolvePlainFieldsByDefault(): void {
  const storage = getMetadataStorage();
  const guarded = new Map<object, Set<string>>();
  const guard = (target: object, name: string) => guarded.set(target, (guarded.get(target) ?? new Set()).add(name));
  for (const { target, fieldName } of [...storage.authorizedFields, ...storage.middlewares]) guard(target, fieldName);
  for (const { target, methodName } of storage.params) guard(target, methodName);
  const withClassMiddlewares = new Set(storage.resolverMiddlewares.map(({ target }) => target));
  for (const field of storage.fields) {
    const plain =
      field.simple === undefined &&
      field.schemaName === field.name &&
      !guarded.get(field.target)?.has(field.name) &&
      !withClassMiddlewares.has(field.target);
    if (plain) field.simple = true;
  }
}

/** The content subgraph: type-graphql's schema from the decorated classes, made a Federation 2 subgraph. */
export async function buildContentSchema(): Promise<GraphQLSchema> {
  resolvePlainFieldsByDefault();
  const schema = await buildSchema({
    resolvers,
    // Who may call what is decided in one place: @Authorized(roles) on a field, checked there.
    authChecker,
    // Input validation is explicit in resolvers and inputs (see errors.ts), not class-validator's
    // global pass, which would run for every argument of every request.
    validate: false,
  });
  return toSubgraphSchema(schema, referenceResolvers);
}
