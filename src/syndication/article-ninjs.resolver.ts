import { JSONResolver } from 'graphql-scalars';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import { config } from '../config';
import type { RequestContext } from '../context';
import { seesOnlySyndicablePhotos } from '../viewer';
import { toNinjs } from './ninjs';

@Resolver(() => Article)
export class ArticleNinjsResolver {
  @FieldResolver(() => JSONResolver, {
    description:
      'The article as IPTC ninjs 3.1 (News in JSON), for syndication: photos as associations with their rights, ' +
      'regions as subjects and places, corrections and fact-checks as descriptions (roles correction, factCheck, ' +
      'claimReview). A partner receives only the photos it may republish.',
  })
  async ninjs(@Root() article: Article, @Ctx() { loaders, viewer }: RequestContext): Promise<Record<string, unknown>> {
    const { rowId } = article;
    const [citations, photos, regions, withheldPhotos, factChecks, corrections] = await Promise.all([
      loaders.article.citations.load(rowId),
      loaders.article.photos.load(rowId),
      loaders.article.regions.load(rowId),
      seesOnlySyndicablePhotos(viewer) ? loaders.article.withheldPhotos.load(rowId) : 0,
      loaders.factCheck.byArticle.load(rowId),
      loaders.factCheck.corrections.load(rowId),
    ]);
    const parts = { citations, photos, regions, withheldPhotos, factChecks, corrections };
    return toNinjs(article, parts, config.publicSiteUrl);
  }
}
