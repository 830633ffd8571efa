import { oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { PHOTO_COLUMNS, PhotoRow, toPhoto } from './photo.sql';

export type PhotoLoaders = ReturnType<typeof createPhotoLoaders>;

/**
 * A photo is seen by whoever may see an article that uses it; one used by no article yet (uploaded
 * for a draft to come) only by the newsroom. Ids are sequential, so without this rule anyone could
 * read the captions of unpublished stories by counting.
 */
export function createPhotoLoaders(scope: LoaderScope) {
  const { db } = scope;
  const seen = scope.newsroom
    ? ''
    : ` AND EXISTS (SELECT 1 FROM article_photo l JOIN article a ON a.id = l.article_id
         WHERE l.photo_id = p.id AND ${scope.visible})`;
  return {
    byId: oneByKey(
      scope,
      async (keys: number[]) =>
        (
          await db.query<PhotoRow>(`SELECT ${PHOTO_COLUMNS} FROM photo p WHERE p.id IN (:...keys)${seen}`, { keys })
        ).map((row) => toPhoto(row)),
      (photo) => photo.rowId,
    ),
  };
}
