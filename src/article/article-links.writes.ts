import type { Tx } from '../db/transaction';
import { assertExisting } from '../db/write-checks';
import { rowIdOf } from '../node/global-id';
import { Photo } from '../photo/photo.entity';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { ArticlePhoto, ArticleRegion, ArticleSource } from './article-links.entity';

/** Row ids of the related lists an input gives; a list left out is undefined and stays as it is. */
export interface ArticleLinkIds {
  sourceIds?: number[];
  /** The citing words of each of sourceIds, by index; when left out, a source still cited keeps its words. */
  sourceContexts?: (string | null)[];
  photoIds?: number[];
  regionIds?: number[];
}

interface LinkInput {
  sourceIds?: string[] | null;
  photoIds?: string[] | null;
  regionIds?: string[] | null;
}

/** Decodes the global ids; a malformed or foreign id is BAD_USER_INPUT naming its list. */
export function linkIdsOf(input: LinkInput, path: string): ArticleLinkIds {
  const decode = (ids: string[] | null | undefined, type: 'Source' | 'Photo' | 'Region', field: string) =>
    ids == null ? undefined : ids.map((id) => rowIdOf(id, type, `${path}.${field}`));
  return {
    sourceIds: decode(input.sourceIds, 'Source', 'sourceIds'),
    photoIds: decode(input.photoIds, 'Photo', 'photoIds'),
    regionIds: decode(input.regionIds, 'Region', 'regionIds'),
  };
}

export async function assertLinkTargetsExist(tx: Tx, links: ArticleLinkIds, path: string): Promise<void> {
  await assertExisting(tx, Source, 'Source', links.sourceIds ?? [], `${path}.sourceIds`);
  await assertExisting(tx, Photo, 'Photo', links.photoIds ?? [], `${path}.photoIds`);
  await assertExisting(tx, Region, 'Region', links.regionIds ?? [], `${path}.regionIds`);
}

/**
 * Replaces each given list, keeping the given order as `position`. A source that stays cited keeps
 * the words that cite it (`context`), which the editor's list of ids cannot carry. Each list is one
 * DELETE and one multi-row INSERT: a hundred links cost two statements, not a hundred.
 */
export async function replaceLinks(tx: Tx, articleId: number, links: ArticleLinkIds): Promise<void> {
  const { manager } = tx;
  if (links.sourceIds) {
    const kept = await manager.find(ArticleSource, { select: { sourceId: true, context: true }, where: { articleId } });
    const contexts = new Map(kept.map((link) => [link.sourceId, link.context]));
    await manager.delete(ArticleSource, { articleId });
    if (links.sourceIds.length) {
      await manager.insert(
        ArticleSource,
        links.sourceIds.map((sourceId, index) => ({
          articleId,
          sourceId,
          position: index + 1,
          context: links.sourceContexts ? links.sourceContexts[index] : (contexts.get(sourceId) ?? null),
        })),
      );
    }
  }
  if (links.photoIds) {
    await manager.delete(ArticlePhoto, { articleId });
    if (links.photoIds.length) {
      await manager.insert(
        ArticlePhoto,
        links.photoIds.map((photoId, index) => ({ articleId, photoId, position: index + 1 })),
      );
    }
  }
  if (links.regionIds) {
    // Regions are a set, listed by name, so there is no order to keep.
    await manager.delete(ArticleRegion, { articleId });
    if (links.regionIds.length) {
      await manager.insert(
        ArticleRegion,
        links.regionIds.map((regionId) => ({ articleId, regionId })),
      );
    }
  }
}
