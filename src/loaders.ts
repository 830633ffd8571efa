import { createArticleLoaders } from './article/article.loaders';
import { visibleClause } from './article/article.sql';
import { Db } from './db/db';
import { createPhotoLoaders } from './photo/photo.loaders';
import { createRegionLoaders } from './region/region.loaders';
import { createSourceLoaders } from './source/source.loaders';
import { seesUnpublished, Viewer } from './viewer';

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Every loader of a request, made fresh for it. They are built for one viewer: what they cache
 * was filtered by that viewer's visibility, so a cached draft can never reach another caller.
 */
export function createLoaders(db: Db, viewer: Viewer) {
  const visible = visibleClause(seesUnpublished(viewer));
  return {
    article: createArticleLoaders(db, visible),
    source: createSourceLoaders(db, visible),
    photo: createPhotoLoaders(db),
    region: createRegionLoaders(db, visible),
  };
}
