import { URLResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { config } from '../config';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { rowIdOf } from '../node/global-id';
import { pageRequest } from '../pagination/page-args';
import { Photo } from '../photo/photo.entity';
import { NOT_SYNDICABLE, WithheldPhotos } from '../photo/photo-rights.type';
import { seesOnlySyndicablePhotos } from '../viewer';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { ArticleConnection } from './article.connection';
import { Article } from './article.entity';
import { ArticleFilter, resolveFilter } from './article.filter';
import { Citation } from './citation.type';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'One article by id or slug; null when there is none.' })
  async article(
    @Ctx() { loaders }: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ): Promise<Article | null> {
    if ((id == null) === (slug == null)) throw badInput('id', 'Pass exactly one of id or slug.');
    if (id != null) return loaders.article.byId.load(rowIdOf(id, 'Article', 'id'));
    return loaders.article.bySlug.load(slug!);
  }

  @Query(() => ArticleConnection, { description: 'Newest first; first defaults to 20 and is at most 100.' })
  async articles(
    @Ctx() { loaders }: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
  ): Promise<ArticleConnection> {
    const resolved = resolveFilter(filter);
    const request = pageRequest('Query.articles', resolved, first, after);
    const page = await loaders.article.list(resolved, request);
    return new ArticleConnection(request, page, () => loaders.article.count(resolved));
  }

  @FieldResolver(() => URLResolver, { description: 'Where the article is published on the site.' })
  url(@Root() article: Article): string {
    return `${config.publicSiteUrl}/articles/${encodeURIComponent(article.slug)}`;
  }

  @FieldResolver(() => [Source], { description: 'Outlets the article cites, in order of first citation.' })
  async sources(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return (await loaders.article.citations.load(article.rowId)).map((citation) => citation.source);
  }

  @FieldResolver(() => [Citation], { description: 'The sources with the words that cite them.' })
  citations(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<Citation[]> {
    return loaders.article.citations.load(article.rowId);
  }

  @FieldResolver(() => [Photo], { description: 'In page order.' })
  photos(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<Photo[]> {
    return loaders.article.photos.load(article.rowId);
  }

  @FieldResolver(() => WithheldPhotos, {
    nullable: true,
    description: "The article's photos left out of `photos` for this caller (a partner, for licences); null when none.",
  })
  async withheldPhotos(
    @Root() article: Article,
    @Ctx() { loaders, viewer }: RequestContext,
  ): Promise<WithheldPhotos | null> {
    if (!seesOnlySyndicablePhotos(viewer)) return null;
    const count = await loaders.article.withheldPhotos.load(article.rowId);
    return count === 0 ? null : { count, reason: NOT_SYNDICABLE };
  }

  @FieldResolver(() => [Region], { description: 'Places the article is about.' })
  regions(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<Region[]> {
    return loaders.article.regions.load(article.rowId);
  }
}
