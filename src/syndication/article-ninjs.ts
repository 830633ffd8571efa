import type { Article } from '../article/article.entity';
import { config } from '../config';
import type { Loaders } from '../loaders';
import { seesOnlySyndicablePhotos, Viewer } from '../viewer';
import { toNinjs } from './ninjs';

/**
 * `article` as ninjs for `viewer`, read through that viewer's loaders: a partner's without the
 * photos it may not republish. The one way to build it, for Article.ninjs and for webhooks.
 */
export async function articleNinjs(
  article: Article,
  { loaders, viewer }: { loaders: Loaders; viewer: Viewer },
): Promise<Record<string, unknown>> {
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
