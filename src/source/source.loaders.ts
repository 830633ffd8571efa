import { oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { Source } from './source.entity';

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;

/**
 * Sources are the public catalogue of outlets (README, "Who sees what"): every caller sees every
 * source. Which articles cite one is article/'s business, filtered there by the viewer.
 */
export function createSourceLoaders(scope: LoaderScope) {
  const { db } = scope;
  const rows = sourceRows(scope);
  const sources = () => rows.selectFrom(db.select().select([]).from(Source, 's'), 's');
  const byKeys = (column: string) => async (keys: (number | string)[]) =>
    (await db.rows(`source.by ${column}`, () => sources().where(db.inKeys(column, 'keys')), { keys })).map((row) =>
      rows.read(row, 's'),
    );

  return {
    byId: oneByKey(scope, 'source.byId', byKeys('s.rowId'), (source) => source.rowId),
    bySlug: oneByKey(scope, 'source.bySlug', byKeys('s.slug'), (source) => source.slug),
    all: async () =>
      (await db.rows('source.all', () => sources().orderBy('s.name').addOrderBy('s.rowId'))).map((row) =>
        rows.read(row, 's'),
      ),
  };
}

/** A source as the API reads it: its bookkeeping timestamps are not fields, so they are not read. */
export const sourceRows = ({ db }: Pick<LoaderScope, 'db'>) =>
  db.entityRows(Source, { skip: ['createdAt', 'updatedAt'] });
