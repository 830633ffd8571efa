import { createAnalyticsLoaders } from './analytics/analytics.loaders';
import { createArticleLoaders } from './article/article.loaders';
import { whereUsedByVisibleArticle } from './article/article.query';
import type { Db } from './db/db';
import { createFactCheckLoaders } from './fact-check/fact-check.loaders';
import type { LoaderScope } from './loader-scope';
import { createPhotoLoaders } from './photo/photo.loaders';
import { createRegionLoaders } from './region/region.loaders';
import { createSearchLoaders } from './search/search.loaders';
import { createSourceLoaders } from './source/source.loaders';
import { createChangeLoaders } from './syndication/changes.loaders';
import { createTombstoneLoaders } from './tombstone/tombstone.loaders';
import type { Viewer } from './viewer';
import { createWebhookLoaders } from './webhooks/webhook.loaders';

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Every loader of a request, made fresh for it. They are built for one viewer: what they cache
 * was filtered by that viewer's visibility, so a cached draft can never reach another caller.
 */
export function createLoaders(
  db: Db,
  viewer: Viewer,
  options: { batch?: boolean; onBatch?: LoaderScope['onBatch'] } = {},
) {
  const scope: LoaderScope = { db, viewer, batch: options.batch ?? true, onBatch: options.onBatch };
  const source = createSourceLoaders(scope);
  const region = createRegionLoaders(scope);
  return {
    article: createArticleLoaders(scope, { sourceById: source.byId, regionById: region.byId }),
    source,
    photo: createPhotoLoaders(scope, (query, alias) => whereUsedByVisibleArticle(scope, query, alias)),
    region,
    tombstone: createTombstoneLoaders(scope),
    changes: createChangeLoaders(scope),
    factCheck: createFactCheckLoaders(scope),
    search: createSearchLoaders(scope),
    analytics: createAnalyticsLoaders(scope),
    webhooks: createWebhookLoaders(scope),
  };
}
