import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ArticleFilter, resolveFilter } from '../article/article.filter';
import { ANALYTICS } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { ArticleStatsGroup, ArticleStatsRow, StatsBucket } from './article-stats.type';

@Resolver(() => ArticleStatsRow)
export class ArticleStatsResolver {
  @Authorized(ANALYTICS)
  @Query(() => [ArticleStatsRow], {
    description:
      'Counts of published articles and their citations, grouped by the keys asked for and by time bucket ' +
      '(publication time, UTC; from inclusive, to exclusive). At most 10,000 rows; a request that would ' +
      'answer more is refused. For analysts and admins.',
  })
  articleStats(
    @Ctx() { loaders }: RequestContext,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
    @Arg('groupBy', () => [ArticleStatsGroup], { defaultValue: [] }) groupBy: ArticleStatsGroup[] = [],
    @Arg('bucket', () => StatsBucket, { nullable: true }) bucket?: StatsBucket | null,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from?: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to?: Date | null,
  ): Promise<ArticleStatsRow[]> {
    const repeated = groupBy.find((group, index) => groupBy.indexOf(group) !== index);
    if (repeated) throw badInput('groupBy', `groupBy names ${repeated} twice; name each key once.`);
    if (from && to && from >= to) throw badInput('from', 'from must be earlier than to.');
    return loaders.analytics.articleStats({
      filter: resolveFilter(filter),
      groupBy,
      bucket: bucket ?? null,
      from: from ?? null,
      to: to ?? null,
    });
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Set when grouped by REGION.' })
  region(@Root() row: ArticleStatsRow, @Ctx() { loaders }: RequestContext): Promise<Region | null> | null {
    return row.regionRowId === null ? null : loaders.region.byId.load(row.regionRowId);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Set when grouped by SOURCE.' })
  source(@Root() row: ArticleStatsRow, @Ctx() { loaders }: RequestContext): Promise<Source | null> | null {
    return row.sourceRowId === null ? null : loaders.source.byId.load(row.sourceRowId);
  }
}
