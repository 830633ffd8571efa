import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QuerySource } from '../db/db';
import { Region } from './region.entity';

/** Bounds every walk of the tree: a corrupt parent cycle ends here instead of running forever. */
const MAX_DEPTH = 32;

/**
 * `r.<column>` for a Region property, by its column name from the entity's metadata. The halves
 * of a recursive expression are matched by position, and the query builder moves an entity's own
 * columns (written as `r.<property>`) ahead of other selections: written as columns, they stay put.
 */
function regionColumns(db: QuerySource): (property: keyof Region) => string {
  const metadata = db.select().connection.getMetadata(Region);
  return (property) => `r.${metadata.findColumnWithPropertyName(property)!.databaseName}`;
}

/**
 * Adds the recursive expression `name(columns)` to `query`: the one thing here the query builder
 * cannot say whole. Its two halves are built with it and joined by UNION ALL; the anchor's
 * parameters travel with the query (the step has none of its own).
 */
function withRecursive<Q extends SelectQueryBuilder<ObjectLiteral>>(
  query: Q,
  name: string,
  columns: string[],
  anchor: SelectQueryBuilder<ObjectLiteral>,
  step: SelectQueryBuilder<ObjectLiteral>,
): Q {
  return query
    .addCommonTableExpression(`${anchor.getQuery()} UNION ALL ${step.getQuery()}`, name, {
      recursive: true,
      columnNames: columns,
    })
    .setParameters(anchor.getParameters());
}

/**
 * Adds `region_tree(root_id, region_id)` to `query`: for every region `roots` selects (a condition
 * on `r`, whose values the caller binds), that region and every region below it.
 */
export function withRegionTree<Q extends SelectQueryBuilder<ObjectLiteral>>(
  db: QuerySource,
  query: Q,
  roots: (query: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>,
): Q {
  const r = regionColumns(db);
  const anchor = roots(
    db
      .select()
      .select(r('rowId'), 'root_id')
      .addSelect(r('rowId'), 'region_id')
      .addSelect('0', 'depth')
      .from(Region, 'r'),
  );
  const step = db
    .select()
    .select('t.root_id', 'root_id')
    .addSelect(r('rowId'), 'region_id')
    .addSelect('t.depth + 1', 'depth')
    .from(Region, 'r')
    .innerJoin('region_tree', 't', 'r.parentId = t.region_id')
    .where(`t.depth < ${MAX_DEPTH}`);
  return withRecursive(query, 'region_tree', ['root_id', 'region_id', 'depth'], anchor, step);
}

/**
 * The recursive half of a walk up the tree named `name`, whose rows are (where the walk started,
 * the region reached, depth): from each region reached, one step up to its parent.
 */
function stepUp(db: QuerySource, name: string, [start, reached]: readonly string[]): SelectQueryBuilder<ObjectLiteral> {
  const r = regionColumns(db);
  return db
    .select()
    .select(`u.${start}`, start)
    .addSelect(r('parentId'), reached)
    .addSelect('u.depth + 1', 'depth')
    .from(Region, 'r')
    .innerJoin(name, 'u', `r.rowId = u.${reached}`)
    .where('r.parentId IS NOT NULL')
    .andWhere(`u.depth < ${MAX_DEPTH}`);
}

/**
 * Adds `region_up(start_id, region_id, depth)` to `query`: every region above each of the regions
 * whose ids the caller binds as the parameter `keys`, nearest first by depth.
 */
export function withRegionAncestors<Q extends SelectQueryBuilder<ObjectLiteral>>(db: QuerySource, query: Q): Q {
  const r = regionColumns(db);
  const anchor = db
    .select()
    .select(r('rowId'), 'start_id')
    .addSelect(r('parentId'), 'region_id')
    .addSelect('1', 'depth')
    .from(Region, 'r')
    .where(db.inKeys('r.rowId', 'keys'))
    .andWhere('r.parentId IS NOT NULL');
  const columns = ['start_id', 'region_id', 'depth'];
  return withRecursive(query, 'region_up', columns, anchor, stepUp(db, 'region_up', columns));
}

/**
 * Adds `region_lineage(region_id, ancestor_id, depth)` to `query`: for every region, itself (depth
 * 0) and every region above it. What rolls a count up the tree: joined to a link's region, a link
 * counts for its region and each region above it (analytics/).
 */
export function withRegionLineage<Q extends SelectQueryBuilder<ObjectLiteral>>(db: QuerySource, query: Q): Q {
  const r = regionColumns(db);
  const anchor = db
    .select()
    .select(r('rowId'), 'region_id')
    .addSelect(r('rowId'), 'ancestor_id')
    .addSelect('0', 'depth')
    .from(Region, 'r');
  const columns = ['region_id', 'ancestor_id', 'depth'];
  return withRecursive(query, 'region_lineage', columns, anchor, stepUp(db, 'region_lineage', columns));
}
