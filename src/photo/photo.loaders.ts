import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { Photo } from './photo.entity';

export type PhotoLoaders = ReturnType<typeof createPhotoLoaders>;

/**
 * Limits a query on photos `p` to those the viewer may see. A photo is seen by whoever may see an
 * article that uses it; one used by no article yet (uploaded for a draft to come) only by the
 * newsroom. Ids are sequential: without this rule anyone could read the captions of unpublished
 * stories by counting. Given by article/ (loaders.ts), which owns who sees which article.
 */
export type PhotoVisibility = <Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, photoAlias: string) => Q;

export function createPhotoLoaders(scope: LoaderScope, visibility: PhotoVisibility) {
  const { db } = scope;
  const rows = photoRows(scope);
  return {
    byId: oneByKey(
      scope,
      async (keys: number[]) => {
        const query = rows.selectFrom(db.select().select([]).from(Photo, 'p'), 'p');
        query.where(db.inKeys('p.rowId', 'keys'), { keys });
        return (await db.rows(visibility(query, 'p'))).map((row) => rows.read(row, 'p'));
      },
      (photo) => photo.rowId,
    ),
  };
}

/** A photo as the API reads it: its bookkeeping timestamps are not fields, so they are not read. */
export const photoRows = ({ db }: Pick<LoaderScope, 'db'>) =>
  db.entityRows(Photo, { skip: ['createdAt', 'updatedAt'] });
