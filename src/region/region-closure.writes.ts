import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Tx } from '../db/transaction';
import { RegionClosure } from './region-closure.entity';
import { Region } from './region.entity';

/**
 * What keeps region_closure in step with region.parent_id: every region write calls one of these in
 * its transaction, after writing the region row. On PostgreSQL a move holds region's table lock
 * (Tx.serializeWritesTo) and an insert into region waits for it, so the closure rows a write reads
 * are never those of a move still in flight.
 */

/** `INSERT INTO region_closure (…) <select>`: the query builder has no INSERT … SELECT. */
async function insertSelected(tx: Tx, select: SelectQueryBuilder<ObjectLiteral>): Promise<void> {
  const metadata = tx.manager.connection.getMetadata(RegionClosure);
  const column = (property: keyof RegionClosure) => metadata.findColumnWithPropertyName(property)!.databaseName;
  const columns = (['ancestorId', 'descendantId', 'depth'] as const).map((property) => `"${column(property)}"`);
  const [sql, parameters] = select.getQueryAndParameters();
  await tx.manager.query(`INSERT INTO "${metadata.tablePath}" (${columns.join(', ')}) ${sql}`, parameters);
}

/**
 * Puts the subtree of `rowId` (its rows with it as ancestor) below `parentId`: every region above
 * the parent, and the parent, becomes an ancestor of every region of the subtree.
 */
function attach(tx: Tx, rowId: number, parentId: number): Promise<void> {
  return insertSelected(
    tx,
    tx
      .select()
      .select('above.ancestorId', 'ancestor_id')
      .addSelect('below.descendantId', 'descendant_id')
      .addSelect('above.depth + below.depth + 1', 'depth')
      .from(RegionClosure, 'above')
      .innerJoin(RegionClosure, 'below', 'below.ancestorId = :rowId', { rowId })
      .where('above.descendantId = :parentId', { parentId }),
  );
}

/**
 * Adds the closure rows of regions just inserted (`rowIds`), whose parents already have theirs:
 * a batch never holds a region and its parent (the generated data set inserts level by level).
 */
export async function addToClosure(tx: Tx, rowIds: number[]): Promise<void> {
  if (rowIds.length === 0) return;
  const inserted = (select: SelectQueryBuilder<ObjectLiteral>) =>
    select.from(Region, 'r').where(tx.inKeys('r.rowId', 'rowIds'), { rowIds });
  await insertSelected(
    tx,
    inserted(tx.select().select('r.id', 'ancestor_id').addSelect('r.id', 'descendant_id').addSelect('0', 'depth')),
  );
  await insertSelected(
    tx,
    inserted(
      tx
        .select()
        .select('above.ancestorId', 'ancestor_id')
        .addSelect('r.id', 'descendant_id')
        .addSelect('above.depth + 1', 'depth'),
    ).innerJoin(RegionClosure, 'above', 'above.descendantId = r.parentId'),
  );
}

/**
 * After region `rowId` moved below `parentId` (null: to the top): its subtree loses the regions
 * that were above it and gains those above its new parent. Rows within the subtree stay.
 */
export async function moveInClosure(tx: Tx, rowId: number, parentId: number | null): Promise<void> {
  const subtree = tx.select().select('s.descendant_id').from(RegionClosure, 's').where('s.ancestor_id = :rowId');
  const above = tx
    .select()
    .select('u.ancestor_id')
    .from(RegionClosure, 'u')
    .where('u.descendant_id = :rowId AND u.depth > 0');
  await tx.manager
    .createQueryBuilder()
    .delete()
    .from(RegionClosure)
    .where(`descendant_id IN (${subtree.getQuery()})`)
    .andWhere(`ancestor_id IN (${above.getQuery()})`)
    .setParameters({ rowId })
    .execute();
  if (parentId !== null) await attach(tx, rowId, parentId);
}
