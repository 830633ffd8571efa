import type { Tx } from '../db/transaction';
import { assertExisting } from '../db/write-checks';
import { rowIdOf } from '../node/global-id';

/** Row ids of the related lists an input gives; a list left out is undefined and stays as it is. */
export interface ArticleLinkIds {
  sourceIds?: number[];
  photoIds?: number[];
  regionIds?: number[];
}

interface LinkInput {
  sourceIds?: string[] | null;
  photoIds?: string[] | null;
  regionIds?: string[] | null;
}

/** Decodes the global ids; a malformed or foreign id is BAD_USER_INPUT naming its list. */
export function linkIdsOf(input: LinkInput, path: string): ArticleLinkIds {
  const decode = (ids: string[] | null | undefined, type: 'Source' | 'Photo' | 'Region', field: string) =>
    ids == null ? undefined : ids.map((id) => rowIdOf(id, type, `${path}.${field}`));
  return {
    sourceIds: decode(input.sourceIds, 'Source', 'sourceIds'),
    photoIds: decode(input.photoIds, 'Photo', 'photoIds'),
    regionIds: decode(input.regionIds, 'Region', 'regionIds'),
  };
}

export async function assertLinkTargetsExist(tx: Tx, links: ArticleLinkIds, path: string): Promise<void> {
  await assertExisting(tx, 'source', 'Source', links.sourceIds ?? [], `${path}.sourceIds`);
  await assertExisting(tx, 'photo', 'Photo', links.photoIds ?? [], `${path}.photoIds`);
  await assertExisting(tx, 'region', 'Region', links.regionIds ?? [], `${path}.regionIds`);
}

/**
 * Replaces each given list, keeping the given order as `position`. A source that stays cited keeps
 * the words that cite it (`context`), which the editor's list of ids cannot carry.
 */
export async function replaceLinks(tx: Tx, articleId: number, links: ArticleLinkIds): Promise<void> {
  if (links.sourceIds) {
    const contexts = new Map(
      (
        await tx.query<{ source_id: number; context: string | null }>(
          'SELECT source_id, context FROM article_source WHERE article_id = :articleId',
          { articleId },
        )
      ).map((row) => [Number(row.source_id), row.context]),
    );
    await tx.query('DELETE FROM article_source WHERE article_id = :articleId', { articleId });
    await insertRows(
      tx,
      'article_source (article_id, source_id, position, context)',
      links.sourceIds.map((id, index) => [articleId, id, index + 1, contexts.get(id) ?? null]),
    );
  }
  if (links.photoIds) {
    await tx.query('DELETE FROM article_photo WHERE article_id = :articleId', { articleId });
    await insertRows(
      tx,
      'article_photo (article_id, photo_id, position)',
      links.photoIds.map((id, index) => [articleId, id, index + 1]),
    );
  }
  if (links.regionIds) {
    // Regions are a set, listed by name, so there is no order to keep.
    await tx.query('DELETE FROM article_region WHERE article_id = :articleId', { articleId });
    await insertRows(
      tx,
      'article_region (article_id, region_id)',
      links.regionIds.map((id) => [articleId, id]),
    );
  }
}

/** One multi-row INSERT: a hundred links cost one statement, not a hundred. */
async function insertRows(tx: Tx, into: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const params: Record<string, unknown> = {};
  const tuples = rows.map((row, r) => {
    const names = row.map((value, c) => {
      params[`v${r}_${c}`] = value;
      return `:v${r}_${c}`;
    });
    return `(${names.join(', ')})`;
  });
  await tx.query(`INSERT INTO ${into} VALUES ${tuples.join(', ')}`, params);
}
