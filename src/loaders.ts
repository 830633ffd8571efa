import { createArticleLoaders } from './article/article.loaders';
import { visibleClause } from './article/article.sql';
import { Db } from './db/db';
import type { LoaderScope } from './loader-scope';
import { createPhotoLoaders } from './photo/photo.loaders';
import { createRegionLoaders } from './region/region.loaders';
import { createSourceLoaders } from './source/source.loaders';
import { seesUnpublished, Viewer } from './viewer';

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Every loader of a request, made fresh for it. They are built for one viewer: what they cache
 * was filtered by that viewer's visibility, so a cached draft can never reach another caller.
 */
export function createLoaders(db: Db, viewer: Viewer, options: { batch?: boolean } = {}) {
  const newsroom = seesUnpublished(viewer);
  const scope: LoaderScope = { db, visible: visibleClause(newsroom), newsroom, batch: options.batch ?? true };
  const source = createSourceLoaders(scope);
  const region = createRegionLoaders(scope);
  return {
    article: createArticleLoaders(scope, { sourceById: source.byId, regionById: region.byId }),
    source,
    photo: createPhotoLoaders(scope),
    region,
  };
}
