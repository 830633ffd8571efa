import type { RequestContext } from '../context';
import { rowIdOrNull } from '../node/global-id';
import { Photo } from './photo.entity';

/** What the gateway sends for a Photo: its id, the only key. */
export interface PhotoRepresentation {
  id?: unknown;
}

export function resolvePhotoReference(
  reference: PhotoRepresentation,
  { loaders }: RequestContext,
): Promise<Photo | null> | null {
  const rowId = rowIdOrNull(reference.id, 'Photo');
  return rowId === null ? null : loaders.photo.byId.load(rowId);
}
