import type { Loaders } from '../loaders';
import { rowIdOrNull } from '../node/global-id';
import { seesOnlySyndicablePhotos, Viewer } from '../viewer';
import type { ArticleChange } from './article-change.entity';

/**
 * The cause of a change as `viewer` may be told it: a photo the viewer may not receive (a
 * partner's non-syndicable photo) is not named, as photo(id:) would not name it. The change feed and
 * the webhooks' payloads both say it this way.
 */
export async function causeFor(change: ArticleChange, viewer: Viewer, loaders: Loaders): Promise<string | null> {
  if (change.cause === null || !seesOnlySyndicablePhotos(viewer)) return change.cause;
  const photoRowId = rowIdOrNull(change.cause, 'Photo');
  if (photoRowId === null) return change.cause;
  return (await loaders.photo.byId.load(photoRowId)) ? change.cause : null;
}
