import { DocumentNode, GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

/** What every answer that may not be shared says: anything for an API key, a mutation, an error. */
export const NO_STORE = 'private, no-store';

/**
 * Fields whose answers may be kept for less than CACHE_MAX_AGE_S, in seconds, at the gateway and
 * downstream. The engagement subgraph's counts change without a write through this gateway, so no
 * invalidation removes an answer that shows them: such answers are kept briefly.
 *
 * The gateway decides every answer's Cache-Control alone, from this table, the viewer and the
 * answer, rather than merging headers its subgraphs send: what a subgraph knows about visibility
 * reduces, for an anonymous caller, to "published only", and whether the caller is anonymous is
 * the gateway's knowledge (the Authorization header); and a subgraph cannot know that the
 * gateway's cache is emptied on every write, nor how long a partner's counts stay true.
 */
export const FIELD_MAX_AGE_SECONDS: Readonly<Record<string, number>> = {
  'Article.engagement': 30,
  'Region.followers': 30,
  'Query.trendingArticles': 30,
};

/**
 * The longest an answer to this document may be kept: the shortest cap of the fields it selects,
 * Infinity when it selects none. Computed once per document.
 */
export function fieldMaxAgeSeconds(schema: GraphQLSchema, document: DocumentNode): number {
  let bySchema = capsByDocument.get(schema);
  if (!bySchema) capsByDocument.set(schema, (bySchema = new WeakMap()));
  let cap = bySchema.get(document);
  if (cap !== undefined) return cap;
  cap = Infinity;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const fieldCap = FIELD_MAX_AGE_SECONDS[`${typeInfo.getParentType()?.name}.${node.name.value}`];
        if (fieldCap !== undefined) cap = Math.min(cap!, fieldCap);
      },
    }),
  );
  bySchema.set(document, cap);
  return cap;
}
const capsByDocument = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, number>>();

/** The header of a shareable answer; no-store when it may be kept for no time at all. */
export function publicCacheControl(maxAgeSeconds: number, staleWhileRevalidateSeconds: number): string {
  if (maxAgeSeconds <= 0) return NO_STORE;
  const stale = staleWhileRevalidateSeconds > 0 ? `, stale-while-revalidate=${staleWhileRevalidateSeconds}` : '';
  return `public, max-age=${maxAgeSeconds}${stale}`;
}

/** The gateway's TTL per field for the response cache, in milliseconds, from the same table. */
export const fieldTtlMs = (): Record<string, number> =>
  Object.fromEntries(
    Object.entries(FIELD_MAX_AGE_SECONDS).map(([coordinate, seconds]) => [coordinate, seconds * 1000]),
  );
