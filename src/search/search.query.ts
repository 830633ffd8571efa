import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArticleListFilter, filtered, filterShape, newestFirst, shapeOf } from '../article/article.query';
import type { LoaderScope } from '../loader-scope';
import type { RankPosition } from '../pagination/cursor';
import { SearchQuery, websearchText } from './search-query';
import { SEARCH_LANGUAGES, SearchLanguage } from './search-text';
import { BM25_WEIGHTS, ftsMatch } from './sqlite-search';

type Query = SelectQueryBuilder<ObjectLiteral>;

/** One page of hits: its size, where it starts (a previous hit's rank position). */
export interface SearchPage {
  first: number;
  after: RankPosition | null;
}

/**
 * Hits are ranked among the newest MAX_RANKED matches. Ranking reads each match's whole document
 * (positions, weights), so a query matching every article (common words, many of them) cost the
 * database ~0.3 ms per article: 11 s for 36,000 matches at `first: 1` (found by an attacker's
 * review). Counting matches needs no ranking, so totalCount still counts them all.
 */
export const MAX_RANKED = 500;

/**
 * The articles the viewer may see that meet the filter and match the query, as `a`. The query is
 * bound as `query` on PostgreSQL and as its FTS5 expression `match` on SQLite (searchValues).
 */
function matches(scope: LoaderScope, filter: ArticleListFilter): Query {
  const query = filtered(scope, filter);
  if (scope.db.kind !== 'postgres') {
    return query
      .innerJoin('article_search', 'article_search', 'article_search.rowid = a.id')
      .andWhere('article_search MATCH :match');
  }
  // Each article is matched with the query as its own language reads it: a Romanian article with
  // Romanian stems, an English one with English stems. Its document names its language with the
  // lexeme `lang <key>` (Article.searchDocument), so one tsquery says it for every language, and
  // one GIN index scan answers it: (lang en & <English query>) | (lang ro & <Romanian query>) | …
  // A query in which PostgreSQL's parser finds no word ("½") matches nothing (NULL), rather than
  // `'' && 'lang en'`, which is every English article (found by an attacker's review).
  const anyLanguage = SEARCH_LANGUAGES.map(
    (key) => `(CASE WHEN numnode(${tsquery(key)}) > 0 THEN ${tsquery(key)} && '''lang ${key}'''::tsquery END)`,
  ).join(' || ');
  return query.andWhere(`a.search_document @@ (${anyLanguage})`);
}

const tsquery = (key: SearchLanguage) => `websearch_to_tsquery('content_${key}', :query)`;

/** The matches with their `score` (higher is more relevant), among the newest MAX_RANKED of them. */
function ranked(scope: LoaderScope, filter: ArticleListFilter): Query {
  // LIMIT written out: the builder's limit() looks for entity metadata once a query joins, and `a` is a subquery.
  const candidates = newestFirst(matches(scope, filter).select('a.id', 'candidate_id'));
  const query = matches(scope, filter)
    .andWhere(`a.id IN (${candidates.getQuery()} LIMIT ${MAX_RANKED})`)
    .setParameters(candidates.getParameters());
  if (scope.db.kind !== 'postgres') {
    return query.addSelect(`-bm25(article_search, ${BM25_WEIGHTS.join(', ')})`, 'score');
  }
  const language = "lower(split_part(a.language, '-', 1))";
  const stemmed = SEARCH_LANGUAGES.filter((key) => key !== 'simple');
  const ownQuery = `CASE ${language} ${stemmed
    .map((key) => `WHEN '${key}' THEN ${tsquery(key)}`)
    .join(' ')} ELSE ${tsquery('simple')} END`;
  // float8: the cursor carries the score back, and must compare equal to it exactly (ts_rank is a float4).
  return query.addSelect(`ts_rank(a.search_document, ${ownQuery})::float8`, 'score');
}

/** The values every search statement binds: the query as its database takes it. */
const searchValues = (scope: LoaderScope, query: SearchQuery) =>
  scope.db.kind === 'postgres' ? { query: websearchText(query) } : { match: ftsMatch(query) };

/** One page of hits, most relevant first (ties: newest row first), with one more when there is more. */
export const searchQuery = (scope: LoaderScope, query: SearchQuery, filter: ArticleListFilter, page: SearchPage) => ({
  shape: shapeOf(scope, 'search', filterShape(filter), page.after ? 'after' : 'first', page.first),
  build: () => {
    const hits = ranked(scope, filter);
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
    const hits = matches(scope, filter).select('1');
    return scope.db
      .select()
      .select('COUNT(*)', 'n')
      .from(`(${hits.getQuery()})`, 'hit')
      .setParameters(hits.getParameters());
  },
  values: { ...filter, ...searchValues(scope, query) },
});
