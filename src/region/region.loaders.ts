import { createCountLoader, createPageLoader, ParentLinks } from '../article/article.pages';
import { regionTreeCte } from '../article/article.sql';
import { manyByKey, oneByKey, perArguments } from '../db/batch';
import type { Db } from '../db/db';
import type { LoaderScope } from '../loader-scope';
import { PageRequest } from '../pagination/page-args';
import { Region, RegionKind } from './region.entity';
import { REGION_COLUMNS, RegionRow, toRegion } from './region.sql';

/** Articles about each region itself. */
const ARTICLES_ABOUT: ParentLinks = {
  ctes: [],
  sql: 'SELECT region_id AS parent_key, article_id FROM article_region WHERE region_id IN (:...keys)',
};

/**
 * Articles about each region or any region below it: one recursive CTE for all the regions asked
 * for. On PostgreSQL the links are probed per region (LATERAL … OFFSET 0; see linkedArticles): its
 * estimate of the tree's size would otherwise make it hash every link of every region.
 */
const articlesAboutTree = (db: Db): ParentLinks => ({
  ctes: [regionTreeCte('r.id IN (:...keys)')],
  sql: `SELECT DISTINCT t.root_id AS parent_key, l.article_id FROM region_tree t ${
    db.kind === 'postgres'
      ? 'CROSS JOIN LATERAL (SELECT l.article_id FROM article_region l WHERE l.region_id = t.region_id OFFSET 0) l'
      : 'JOIN article_region l ON l.region_id = t.region_id'
  }`,
});

export type RegionLoaders = ReturnType<typeof createRegionLoaders>;

export function createRegionLoaders(scope: LoaderScope) {
  const { db } = scope;
  const regions = (where: string) => async (keys: (number | string)[]) =>
    (await db.query<RegionRow>(`SELECT ${REGION_COLUMNS} FROM region r WHERE ${where}`, { keys })).map((row) =>
      toRegion(row),
    );
  const aboutTree = articlesAboutTree(db);
  const links = (includeDescendants: boolean) => (includeDescendants ? aboutTree : ARTICLES_ABOUT);

  return {
    byId: oneByKey(scope, regions('r.id IN (:...keys)'), (region) => region.rowId),
    byCode: oneByKey(scope, regions('r.code IN (:...keys)'), (region) => region.code),
    all: async (kind: RegionKind | null) =>
      (
        await db.query<RegionRow>(
          `SELECT ${REGION_COLUMNS} FROM region r ${kind ? 'WHERE r.kind = :kind' : ''} ORDER BY r.name, r.id`,
          { kind },
        )
      ).map((row) => toRegion(row)),

    children: manyByKey<number, Region>(scope, async (keys) =>
      (
        await db.query<RegionRow>(
          `SELECT ${REGION_COLUMNS} FROM region r WHERE r.parent_id IN (:...keys) ORDER BY r.name, r.id`,
          { keys },
        )
      ).map((row) => [Number(row.parent_id), toRegion(row)]),
    ),

    /** Every region above each one, nearest first: one recursive CTE walking up for the whole batch. */
    ancestors: manyByKey<number, Region>(scope, async (keys) => {
      const rows = await db.query<RegionRow & { start_id: number }>(
        `WITH RECURSIVE up(start_id, region_id, depth) AS (
           SELECT r.id, r.parent_id, 1 FROM region r WHERE r.id IN (:...keys) AND r.parent_id IS NOT NULL
           UNION ALL
           SELECT up.start_id, r.parent_id, up.depth + 1 FROM up JOIN region r ON r.id = up.region_id
           WHERE r.parent_id IS NOT NULL AND up.depth < 32
         )
         SELECT up.start_id, ${REGION_COLUMNS} FROM up JOIN region r ON r.id = up.region_id
         ORDER BY up.start_id, up.depth`,
        { keys },
      );
      return rows.map((row) => [Number(row.start_id), toRegion(row)]);
    }),

    articles: perArguments(({ request, includeDescendants }: { request: PageRequest; includeDescendants: boolean }) =>
      createPageLoader(scope, links(includeDescendants), request),
    ),
    articleCount: perArguments((includeDescendants: boolean) => createCountLoader(scope, links(includeDescendants))),
  };
}
