import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ArticleFilter, resolveFilter } from '../article/article.filter';
import type { RequestContext } from '../context';
import { decodeRankCursor, scopeOf } from '../pagination/cursor';
import { pageSize } from '../pagination/page-args';
import { MAX_QUERY_WORDS, parseSearchQuery } from './search-query';
import { MAX_RANKED } from './search.query';
import { SearchHitConnection } from './search-hit.type';

@Resolver()
export class SearchResolver {
  @Query(() => SearchHitConnection, {
    description:
      'Articles matching `query`, most relevant first: every word (any form: "protests" finds "protest", ' +
      '"sisteme" finds "sistemele"; diacritics and case ignored), "quoted words" as a phrase, -word excluded, ' +
      '`or` between two words for either. The title weighs most, then the summary, then the body. ' +
      `Hits are ranked among the newest ${MAX_RANKED} matches; totalCount counts them all. At most ${MAX_QUERY_WORDS} words. ` +
      'first defaults to 20 and is at most 100.',
  })
  async search(
    @Ctx() { loaders }: RequestContext,
    @Arg('query', () => String) text: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
  ): Promise<SearchHitConnection> {
    const query = parseSearchQuery(text);
    const resolved = resolveFilter(filter);
    const size = pageSize(first);
    const scope = scopeOf('Query.search', { query: text, filter: resolved });
    const page = { first: size, after: after ? decodeRankCursor(after, scope) : null };
    const hits = await loaders.search.hits(query, resolved, page);
    return new SearchHitConnection(scope, size, page.after !== null, hits, () => loaders.search.count(query, resolved));
  }
}
