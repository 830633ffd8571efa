import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArticleListFilter, filtered, filterShape, shapeOf } from '../article/article.query';
import type { LoaderScope } from '../loader-scope';
import type { RankPosition } from '../pagination/cursor';
import type { SearchQuery } from './search-query';
import { STEMMED_LANGUAGES } from './search-text';
import { BM25_WEIGHTS, ftsMatch } from './sqlite-search';

type Query = SelectQueryBuilder<ObjectLiteral>;

/** One page of hits: its size, where it starts (a previous hit's rank position). */
export interface SearchPage {
  first: number;
  after: RankPosition | null;
}

/**
 * The articles the viewer may see that meet the filter and match the query, each with its `score`
 * (higher is more relevant), as `a` plus `score`. The query is bound as `query` on PostgreSQL and
 * as its FTS5 expression `match` on SQLite (searchValues).
 */
function matching(scope: LoaderScope, filter: ArticleListFilter): Query {
  const query = filtered(scope, filter);
  if (scope.db.kind !== 'postgres') {
    return query
      .innerJoin('article_search', 'article_search', 'article_search.rowid = a.id')
      .andWhere('article_search MATCH :match')
      .addSelect(`-bm25(article_search, ${BM25_WEIGHTS.join(', ')})`, 'score');
  }
  // Each article is matched with the query as its own language reads it: a Romanian article with
  // Romanian stems, an English one with English stems. Its document names its language with the
  // lexeme `lang <key>` (Article.searchDocument), so one tsquery says it for every language, and
  // one GIN index scan answers it: (lang en & <English query>) | (lang ro & <Romanian query>) | …
  const language = "lower(split_part(a.language, '-', 1))";
  const keys = [...Object.keys(STEMMED_LANGUAGES), 'simple'];
  const tsquery = (key: string) => `websearch_to_tsquery('content_${key}', :query)`;
  const anyLanguage = keys.map((key) => `(${tsquery(key)} && '''lang ${key}'''::tsquery)`).join(' || ');
  const ownQuery = `CASE ${language} ${keys
    .slice(0, -1)
    .map((key) => `WHEN '${key}' THEN ${tsquery(key)}`)
    .join(' ')} ELSE ${tsquery('simple')} END`;
  // float8: the cursor carries the score back, and must compare equal to it exactly (ts_rank is a float4).
  return query
    .andWhere(`a.search_document @@ (${anyLanguage})`)
    .addSelect(`ts_rank(a.search_document, ${ownQuery})::float8`, 'score');
}

/** The values every search statement binds: the query as its database takes it. */
const searchValues = (scope: LoaderScope, query: SearchQuery) =>
  scope.db.kind === 'postgres' ? { query: query.text } : { match: ftsMatch(query) };

/** One page of hits, most relevant first (ties: newest row first), with one more when there is more. */
export const searchQuery = (scope: LoaderScope, query: SearchQuery, filter: ArticleListFilter, page: SearchPage) => ({
  shape: shapeOf(scope, 'search', filterShape(filter), page.after ? 'after' : 'first', page.first),
  build: () => {
    const hits = matching(scope, filter);
    const outer = scope.db
      .select()
      .select('hit.*')
      .from(`(${hits.getQuery()})`, 'hit')
      .setParameters(hits.getParameters())
      .orderBy('hit.score', 'DESC')
      .addOrderBy('hit.a_id', 'DESC')
      .limit(page.first + 1);
    if (page.after) outer.where('(hit.score < :afterScore OR (hit.score = :afterScore AND hit.a_id < :afterId))');
    return outer;
  },
  values: {
    ...filter,
    ...searchValues(scope, query),
    ...(page.after ? { afterScore: page.after.score, afterId: page.after.rowId } : {}),
  },
});

export const searchCountQuery = (scope: LoaderScope, query: SearchQuery, filter: ArticleListFilter) => ({
  shape: shapeOf(scope, 'search count', filterShape(filter)),
  build: () => {
    const hits = matching(scope, filter);
    return scope.db
      .select()
      .select('COUNT(*)', 'n')
      .from(`(${hits.getQuery()})`, 'hit')
      .setParameters(hits.getParameters());
  },
  values: { ...filter, ...searchValues(scope, query) },
});
