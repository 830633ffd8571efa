import { ArticleListFilter, articleRows } from '../article/article.query';
import type { LoaderScope } from '../loader-scope';
import type { SearchQuery } from './search-query';
import { SearchHit } from './search-hit.type';
import { searchCountQuery, SearchPage, searchQuery } from './search.query';

export type SearchLoaders = ReturnType<typeof createSearchLoaders>;

/** Search reads: one statement for a page of hits, one for their count when it is asked for. */
export function createSearchLoaders(scope: LoaderScope) {
  const { db } = scope;
  const articles = articleRows(scope);
  return {
    hits: async (query: SearchQuery, filter: ArticleListFilter, page: SearchPage): Promise<SearchHit[]> => {
      const { shape, build, values } = searchQuery(scope, query, filter, page);
      const rows = await db.rows(shape, build, values);
      return rows.map((row) => new SearchHit(articles.read(row, 'a'), Number(row.score), query));
    },
    count: async (query: SearchQuery, filter: ArticleListFilter): Promise<number> => {
      const { shape, build, values } = searchCountQuery(scope, query, filter);
      return Number((await db.rows(shape, build, values))[0].n);
    },
  };
}
