import type { Tx } from '../db/transaction';
import { assertUnique } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { toGlobalId } from '../node/global-id';
import { ArticleLinkIds, assertLinkTargetsExist, replaceLinks } from './article-links.writes';
import { ArticleStatus } from './article.entity';
import { ARTICLE_COLUMNS, ArticleRow } from './article.sql';

/**
 * The statements behind the article mutations, each run inside the caller's transaction. Every
 * change bumps `version` and `updated_at` in the same UPDATE that checks what it may change, so
 * the check and the write cannot be separated by another writer.
 */

/** SQLite's RETURNING takes bare column names only. */
const RETURNING = `RETURNING ${ARTICLE_COLUMNS.replace(/\ba\./g, '')}`;

export interface ArticleChanges {
  slug?: string;
  title?: string;
  body?: string;
  language?: string;
  summary?: string | null;
  label?: string | null;
  byline?: string[];
}

const COLUMNS: Record<keyof ArticleChanges, string> = {
  slug: 'slug',
  title: 'title',
  body: 'body',
  language: 'language',
  summary: 'summary',
  label: 'label',
  byline: 'byline',
};

const SLUG = { table: 'article', column: 'slug', what: 'article (deleted ones included)' };

/** Fields as stored: trimmed title, byline as JSON text. */
function columnValues(changes: ArticleChanges): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(COLUMNS) as (keyof ArticleChanges)[]) {
    const value = changes[key];
    if (value === undefined) continue;
    values[COLUMNS[key]] = key === 'byline' ? JSON.stringify(value) : key === 'title' ? String(value).trim() : value;
  }
  return values;
}

export async function insertArticle(
  tx: Tx,
  fields: ArticleChanges & Required<Pick<ArticleChanges, 'slug' | 'title' | 'body' | 'language'>>,
  links: ArticleLinkIds,
  now: Date,
): Promise<ArticleRow> {
  await assertUnique(tx, SLUG, fields.slug, null, 'input.slug');
  await assertLinkTargetsExist(tx, links, 'input');
  const values = { byline: '[]', ...columnValues(fields), status: ArticleStatus.DRAFT, version: 1 };
  const columns = Object.keys(values);
  const [row] = await tx.query<ArticleRow>(
    `INSERT INTO article (${columns.join(', ')}, created_at, updated_at)
     VALUES (${columns.map((c) => `:${c}`).join(', ')}, :now, :now) ${RETURNING}`,
    { ...values, now },
  );
  await replaceLinks(tx, Number(row.id), links);
  return row;
}

/** The article as it is now, for a write; a missing or deleted one is NOT_FOUND. */
async function liveArticle(tx: Tx, rowId: number, field: string): Promise<ArticleRow> {
  const [row] = await tx.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = :rowId`, { rowId });
  if (!row || row.deleted_at !== null) {
    const state = row ? 'was deleted' : 'does not exist';
    throw new DomainError(ErrorCode.NotFound, `Article "${toGlobalId('Article', rowId)}" ${state}.`, field);
  }
  return row;
}

function staleVersion(rowId: number, sent: number, current: number | null): DomainError {
  const now = current === null ? 'it was changed meanwhile' : `it is now at version ${current}`;
  return new DomainError(
    ErrorCode.Conflict,
    `Article "${toGlobalId('Article', rowId)}" has changed since you read it (you sent version ${sent}, ${now}); ` +
      'read it again, reapply your change and send the new version.',
    'input.version',
  );
}

/** Applies `changes` only if the article is still at `version`; returns the new row and the slug it had. */
export async function updateArticle(
  tx: Tx,
  rowId: number,
  version: number,
  changes: ArticleChanges,
  links: ArticleLinkIds,
  now: Date,
): Promise<{ row: ArticleRow; formerSlug: string }> {
  const current = await liveArticle(tx, rowId, 'input.id');
  if (Number(current.version) !== version) throw staleVersion(rowId, version, Number(current.version));
  if (changes.slug !== undefined) await assertUnique(tx, SLUG, changes.slug, rowId, 'input.slug');
  await assertLinkTargetsExist(tx, links, 'input');

  const values = columnValues(changes);
  const sets = Object.keys(values).map((column) => `${column} = :${column}`);
  // The version test is in the UPDATE itself: two saves that both read version n cannot both match.
  const [row] = await tx.query<ArticleRow>(
    `UPDATE article SET ${[...sets, 'version = version + 1', 'updated_at = :now'].join(', ')}
     WHERE id = :rowId AND version = :version AND deleted_at IS NULL ${RETURNING}`,
    { ...values, now, rowId, version },
  );
  if (!row) throw staleVersion(rowId, version, null);
  await replaceLinks(tx, rowId, links);
  return { row, formerSlug: current.slug };
}

/**
 * Moves an article to `status`; already there is a no-op (no new version). Publishing sets
 * `published_at` the first time only: an article taken down and put back keeps its date, so its
 * place in every list, its cursors and what readers were shown stay the same.
 */
export async function setStatus(tx: Tx, rowId: number, status: ArticleStatus, now: Date): Promise<ArticleRow> {
  const publishedAt = status === ArticleStatus.PUBLISHED ? ', published_at = COALESCE(published_at, :now)' : '';
  const [row] = await tx.query<ArticleRow>(
    `UPDATE article SET status = :status, version = version + 1, updated_at = :now${publishedAt}
     WHERE id = :rowId AND deleted_at IS NULL AND status <> :status ${RETURNING}`,
    { status, now, rowId },
  );
  return row ?? liveArticle(tx, rowId, 'id');
}

/** Soft delete: the row stays for the newsroom, and a tombstone tells partners to take it down. */
export async function deleteArticle(tx: Tx, rowId: number, now: Date): Promise<void> {
  const [row] = await tx.query<{ id: number }>(
    `UPDATE article SET deleted_at = :now, updated_at = :now, version = version + 1
     WHERE id = :rowId AND deleted_at IS NULL RETURNING id`,
    { now, rowId },
  );
  // No row: missing or already deleted, and liveArticle throws the NOT_FOUND that says which.
  if (!row) await liveArticle(tx, rowId, 'id');
  // Partners page the feed by sequence: taking sequences one committed transaction at a time keeps
  // a lower one from becoming visible after a higher one was read (SQLite writes one at a time anyway).
  if (tx.kind === 'postgres') await tx.query('LOCK TABLE tombstone IN SHARE ROW EXCLUSIVE MODE');
  await tx.query('INSERT INTO tombstone (entity_type, entity_id, deleted_at) VALUES (:type, :entityId, :now)', {
    type: 'Article',
    entityId: toGlobalId('Article', rowId),
    now,
  });
}
