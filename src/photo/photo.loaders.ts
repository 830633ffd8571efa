import { oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { PHOTO_COLUMNS, PhotoRow, toPhoto } from './photo.sql';

export type PhotoLoaders = ReturnType<typeof createPhotoLoaders>;

export function createPhotoLoaders(scope: LoaderScope) {
  const { db } = scope;
  return {
    byId: oneByKey(
      scope,
      async (keys: number[]) =>
        (await db.query<PhotoRow>(`SELECT ${PHOTO_COLUMNS} FROM photo p WHERE p.id IN (:...keys)`, { keys })).map(
          (row) => toPhoto(row),
        ),
      (photo) => photo.rowId,
    ),
  };
}
