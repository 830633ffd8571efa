import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { PageRequest, pageRequest } from '../pagination/page-args';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { ArticleConnection } from './article.connection';
import type { PageWindow } from './article.query';

/**
 * The article lists under a source and a region. They live with the articles (who may see which
 * is decided in article.query.ts), so that source/ and region/ need not know about articles.
 */
@Resolver(() => Source)
export class SourceArticlesResolver {
  @FieldResolver(() => ArticleConnection, { description: 'Articles citing this source, newest first.' })
  async articles(
    @Root() source: Source,
    @Ctx() { loaders }: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ArticleConnection> {
    // The cursor is scoped to this source's list: one from another source's list is refused.
    const request = pageRequest('Source.articles', { source: source.rowId }, first, after);
    const page = await loaders.article.citing(pageOf(request)).load(source.rowId);
    return new ArticleConnection(request, page, () => loaders.article.citingCount.load(source.rowId));
  }
}

@Resolver(() => Region)
export class RegionArticlesResolver {
  @FieldResolver(() => ArticleConnection, {
    description: 'Published articles about this region or, by default, any region below it; newest first.',
  })
  async articles(
    @Root() region: Region,
    @Ctx() { loaders }: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('includeDescendants', () => Boolean, { nullable: true, defaultValue: true }) includeDescendants = true,
  ): Promise<ArticleConnection> {
    const deep = includeDescendants !== false;
    const request = pageRequest('Region.articles', { deep, region: region.rowId }, first, after);
    const pages = deep ? loaders.article.aboutDeep : loaders.article.about;
    const count = deep ? loaders.article.aboutDeepCount : loaders.article.aboutCount;
    const page = await pages(pageOf(request)).load(region.rowId);
    return new ArticleConnection(request, page, () => count.load(region.rowId));
  }
}

/**
 * What the page loaders are keyed by: the page's size and start, not the cursor's scope, which
 * differs per parent. Parents asked for with the same arguments thus still share one statement.
 */
const pageOf = ({ first, after }: PageRequest): PageWindow => ({ first, after });
