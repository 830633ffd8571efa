import { IsNull, Not } from 'typeorm';
import type { Tx } from '../db/transaction';
import { assertUnique } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { toGlobalId } from '../node/global-id';
import { EditKind } from '../db/edits';
import { Tombstone } from '../tombstone/tombstone.entity';
import { ArticleLinkIds, assertLinkTargetsExist, replaceLinks } from './article-links.writes';
import { Article, ArticleStatus } from './article.entity';

/**
 * The writes behind the article mutations, each run inside the caller's transaction. Every change
 * bumps `version` and `updatedAt` in the same UPDATE that checks what it may change, so the check
 * and the write cannot be separated by another writer, and says what it changed (Tx.edited) for
 * the change feed.
 */

export interface ArticleChanges {
  slug?: string;
  title?: string;
  body?: string;
  language?: string;
  summary?: string | null;
  label?: string | null;
  byline?: string[];
}

const assertSlugFree = (tx: Tx, slug: string, exceptRowId: number | null) =>
  assertUnique(tx, Article, 'slug', slug, exceptRowId, 'input.slug', 'article (deleted ones included)');

/** The changes as stored: a trimmed title, and only what was given. */
function stored(changes: ArticleChanges): Partial<Article> {
  const values: Partial<Article> = {};
  for (const [key, value] of Object.entries(changes) as [keyof ArticleChanges, unknown][]) {
    if (value === undefined) continue;
    (values as Record<string, unknown>)[key] = key === 'title' ? String(value).trim() : value;
  }
  return values;
}

export async function insertArticle(
  tx: Tx,
  fields: ArticleChanges & Required<Pick<ArticleChanges, 'slug' | 'title' | 'body' | 'language'>>,
  links: ArticleLinkIds,
  now: Date,
): Promise<Article> {
  await assertSlugFree(tx, fields.slug, null);
  await assertLinkTargetsExist(tx, links, 'input');
  const article = await tx.insertRow(Article, {
    summary: null,
    label: null,
    byline: [],
    ...stored(fields),
    status: ArticleStatus.DRAFT,
    version: 1,
    publishedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await replaceLinks(tx, article.rowId, links);
  tx.edited('Article', article.rowId, EditKind.CREATED);
  return article;
}

/** The article as it is now, for a write; a missing or deleted one is NOT_FOUND. */
async function liveArticle(tx: Tx, rowId: number, field: string): Promise<Article> {
  const article = await tx.manager.findOneBy(Article, { rowId });
  if (!article || article.deletedAt !== null) {
    const state = article ? 'was deleted' : 'does not exist';
    throw new DomainError(ErrorCode.NotFound, `Article "${toGlobalId('Article', rowId)}" ${state}.`, field);
  }
  return article;
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

/** Applies `changes` only if the article is still at `version`; returns it as written and the slug it had. */
export async function updateArticle(
  tx: Tx,
  rowId: number,
  version: number,
  changes: ArticleChanges,
  links: ArticleLinkIds,
  now: Date,
): Promise<{ article: Article; formerSlug: string }> {
  const current = await liveArticle(tx, rowId, 'input.id');
  if (current.version !== version) throw staleVersion(rowId, version, current.version);
  if (changes.slug !== undefined) await assertSlugFree(tx, changes.slug, rowId);
  await assertLinkTargetsExist(tx, links, 'input');
  const values = stored(changes);
  await writeVersion(tx, rowId, version, values, now);
  await replaceLinks(tx, rowId, links);
  tx.edited('Article', rowId, EditKind.UPDATED);
  const formerSlug = current.slug;
  // The row was `current` until this UPDATE matched its version, so this is what it now holds.
  return { article: Object.assign(current, values, { version: version + 1, updatedAt: now }), formerSlug };
}

/**
 * A new version of the article for a change of one of its parts kept in a table of its own (its
 * fact-checks and corrections), under the same version check as updateArticle, and recorded as an
 * UPDATED of the article: partners and caches know the article by its version. Called before the
 * part is written, so on PostgreSQL the article's row stays locked until the change commits.
 */
export async function touchArticle(tx: Tx, rowId: number, version: number, now: Date, field: string): Promise<Article> {
  const current = await liveArticle(tx, rowId, field);
  if (current.version !== version) throw staleVersion(rowId, version, current.version);
  await writeVersion(tx, rowId, version, {}, now);
  tx.edited('Article', rowId, EditKind.UPDATED);
  return Object.assign(current, { version: version + 1, updatedAt: now });
}

/** Writes `values` and the next version, if the article is still at `version`; CONFLICT otherwise. */
async function writeVersion(tx: Tx, rowId: number, version: number, values: Partial<Article>, now: Date) {
  // The version test is in the UPDATE itself: two saves that both read version n cannot both match.
  const { affected } = await tx.manager
    .createQueryBuilder()
    .update(Article)
    .set({ ...values, version: () => 'version + 1', updatedAt: now })
    .where({ rowId, version, deletedAt: IsNull() })
    .execute();
  if (affected === 0) throw staleVersion(rowId, version, null);
}

/**
 * Moves an article to `status`; already there is a no-op (no new version). Publishing sets
 * `publishedAt` (now, or when an imported page says it was published) the first time only: an
 * article taken down and put back keeps its date, so its place in every list, its cursors and what
 * readers were shown stay the same.
 */
export async function setStatus(
  tx: Tx,
  rowId: number,
  status: ArticleStatus,
  now: Date,
  publishedAt: Date = now,
): Promise<Article> {
  const { affected } = await tx.manager
    .createQueryBuilder()
    .update(Article)
    .set({
      status,
      version: () => 'version + 1',
      updatedAt: now,
      ...(status === ArticleStatus.PUBLISHED ? { publishedAt: () => 'COALESCE(published_at, :publishedAt)' } : {}),
    })
    .where({ rowId, deletedAt: IsNull(), status: Not(status) })
    .setParameter('publishedAt', publishedAt)
    .execute();
  if (affected) tx.edited('Article', rowId, STATUS_CHANGE[status]);
  return liveArticle(tx, rowId, 'id');
}

/** How the change feed names a move to each status. */
const STATUS_CHANGE: Record<ArticleStatus, EditKind> = {
  [ArticleStatus.PUBLISHED]: EditKind.PUBLISHED,
  [ArticleStatus.DRAFT]: EditKind.UNPUBLISHED,
  [ArticleStatus.ARCHIVED]: EditKind.ARCHIVED,
};

/** Soft delete: the row stays for the newsroom, and a tombstone tells partners to take it down. */
export async function deleteArticle(tx: Tx, rowId: number, now: Date): Promise<void> {
  const { affected } = await tx.manager
    .createQueryBuilder()
    .update(Article)
    .set({ deletedAt: now, updatedAt: now, version: () => 'version + 1' })
    .where({ rowId, deletedAt: IsNull() })
    .execute();
  // Nothing changed: missing or already deleted, and liveArticle throws the NOT_FOUND that says which.
  if (affected === 0) await liveArticle(tx, rowId, 'id');
  tx.edited('Article', rowId, EditKind.DELETED);
  // Partners page the feed by sequence: taking sequences one committed transaction at a time keeps
  // a lower one from becoming visible after a higher one was read.
  await tx.serializeWritesTo(Tombstone);
  await tx.manager.insert(Tombstone, { entityType: 'Article', entityId: toGlobalId('Article', rowId), deletedAt: now });
}
