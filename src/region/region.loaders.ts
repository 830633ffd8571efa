import { manyByKey, oneByKey } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { Region, RegionKind } from './region.entity';
import { RegionClosure } from './region-closure.entity';

export type RegionLoaders = ReturnType<typeof createRegionLoaders>;

/** Regions and how they nest; who may read which articles about them is article/'s business. */
export function createRegionLoaders(scope: LoaderScope) {
  const { db } = scope;
  const rows = regionRows(scope);
  const regions = () => rows.selectFrom(db.select().select([]).from(Region, 'r'), 'r');
  const byKeys = (column: string) => async (keys: (number | string)[]) =>
    (await db.rows(`region.by ${column}`, () => regions().where(db.inKeys(column, 'keys')), { keys })).map((row) =>
      rows.read(row, 'r'),
    );

  return {
    byId: oneByKey(scope, 'region.byId', byKeys('r.rowId'), (region) => region.rowId),
    byCode: oneByKey(scope, 'region.byCode', byKeys('r.code'), (region) => region.code),
    all: async (kind: RegionKind | null) => {
      const build = () => {
        const query = regions().orderBy('r.name').addOrderBy('r.rowId');
        return kind ? query.where('r.kind = :kind') : query;
      };
      return (await db.rows(`region.all ${kind ? 'of a kind' : ''}`, build, { kind })).map((row) =>
        rows.read(row, 'r'),
      );
    },

    children: manyByKey<number, Region>(scope, 'region.children', async (keys) =>
      (
        await db.rows(
          'region.children',
          () => regions().where(db.inKeys('r.parentId', 'keys')).orderBy('r.name').addOrderBy('r.rowId'),
          { keys },
        )
      ).map((row) => {
        const region = rows.read(row, 'r');
        return [region.parentId!, region];
      }),
    ),

    /** Every region above each one, nearest first: key lookups in the tree's closure for the whole batch. */
    ancestors: manyByKey<number, Region>(scope, 'region.ancestors', async (keys) => {
      const build = () =>
        regions()
          .addSelect('c.descendantId', 'start_id')
          .innerJoin(RegionClosure, 'c', 'c.ancestorId = r.rowId')
          .where(db.inKeys('c.descendantId', 'keys'))
          .andWhere('c.depth > 0')
          .orderBy('c.descendantId')
          .addOrderBy('c.depth');
      return (await db.rows('region.ancestors', build, { keys })).map((row) => [
        Number(row.start_id),
        rows.read(row, 'r'),
      ]);
    }),
  };
}

/** A region as the API reads it: its bookkeeping timestamps are not fields, so they are not read. */
export const regionRows = ({ db }: Pick<LoaderScope, 'db'>) =>
  db.entityRows(Region, { skip: ['createdAt', 'updatedAt'] });
