import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ArticleFilter, resolveFilter } from '../article/article.filter';
import { ANALYTICS } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { Source } from '../source/source.entity';
import { SourceCount } from './article-stats.type';

const MAX_TOP_SOURCES = 100;

@Resolver(() => SourceCount)
export class TopSourcesResolver {
  @Authorized(ANALYTICS)
  @Query(() => [SourceCount], {
    description:
      'The sources the published articles selected by the filter cite most, most-cited first, ties by id; ' +
      'first is 1 to 100. For analysts and admins.',
  })
  topSources(
    @Ctx() { loaders }: RequestContext,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number = 10,
  ): Promise<SourceCount[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_TOP_SOURCES) {
      throw badInput('first', `first must be between 1 and ${MAX_TOP_SOURCES}.`);
    }
    return loaders.analytics.topSources(resolveFilter(filter), first);
  }

  @FieldResolver(() => Source)
  async source(@Root() count: SourceCount, @Ctx() { loaders }: RequestContext): Promise<Source> {
    // A cited source exists: its link would have gone with it (ON DELETE CASCADE).
    return (await loaders.source.byId.load(count.sourceRowId))!;
  }
}
