import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { seesOnlySyndicablePhotos, seesUnpublished } from '../viewer';
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
      'photo.byId',
      async (keys: number[]) => {
        const build = () =>
          onlySyndicable(
            scope,
            visibility(
              rows.selectFrom(db.select().select([]).from(Photo, 'p'), 'p').where(db.inKeys('p.rowId', 'keys')),
              'p',
            ),
            'p',
          );
        const shape = `photo.byId ${seesUnpublished(scope.viewer) ? 'newsroom' : 'public'} ${partnerShape(scope)}`;
        return (await db.rows(shape, build, { keys, ...syndicableValues(scope) })).map((row) => rows.read(row, 'p'));
      },
      (photo) => photo.rowId,
    ),
  };
}

/** A photo as the API reads it: its bookkeeping timestamps are not fields, so they are not read. */
export const photoRows = ({ db }: Pick<LoaderScope, 'db'>) =>
  db.entityRows(Photo, { skip: ['createdAt', 'updatedAt'] });

/**
 * Limits photos `alias` to those a partner may receive, for a partner's queries (the condition
 * binds `syndicable`, which syndicableValues gives); anyone else's query is left as it is.
 */
export function onlySyndicable<Q extends SelectQueryBuilder<ObjectLiteral>>(
  scope: Pick<LoaderScope, 'viewer'>,
  query: Q,
  alias: string,
): Q {
  return seesOnlySyndicablePhotos(scope.viewer) ? query.andWhere(`${alias}.syndicationAllowed = :syndicable`) : query;
}

export const syndicableValues = (scope: Pick<LoaderScope, 'viewer'>) =>
  seesOnlySyndicablePhotos(scope.viewer) ? { syndicable: true } : {};

/** What a partner's rule changes in a query's shape. */
export const partnerShape = (scope: Pick<LoaderScope, 'viewer'>): string =>
  seesOnlySyndicablePhotos(scope.viewer) ? 'syndicable' : 'all';
