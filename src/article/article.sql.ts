import { Db, Params } from '../db/db';
import { toGlobalId } from '../node/global-id';
import { Position } from '../pagination/cursor';
import { Article, ArticleStatus } from './article.entity';

export const ARTICLE_COLUMNS = `a.id, a.slug, a.title, a.summary, a.body, a.language, a.label, a.byline,
  a.status, a.version, a.published_at, a.created_at, a.updated_at, a.deleted_at`;

/** Every article list is ordered by this key, newest first, ties by id; idx_article_listing covers it. */
export const SORT_KEY = 'COALESCE(a.published_at, a.created_at)';
export const ORDER_BY = `${SORT_KEY} DESC, a.id DESC`;

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  summary: string | null;
  body: string;
  language: string;
  label: string | null;
  byline: string;
  status: string;
  version: number;
  published_at: unknown;
  created_at: unknown;
  updated_at: unknown;
  deleted_at: unknown;
}

export function toArticle(db: Db, row: ArticleRow): Article {
  const article = new Article();
  article.rowId = Number(row.id);
  article.id = toGlobalId('Article', article.rowId);
  article.slug = row.slug;
  article.title = row.title;
  article.summary = row.summary;
  article.body = row.body;
  article.language = row.language;
  article.label = row.label;
  article.byline = parseByline(row.byline);
  article.status = row.status as ArticleStatus;
  article.version = Number(row.version);
  article.publishedAt = db.readOptionalTime(row.published_at);
  article.createdAt = db.readTime(row.created_at);
  article.updatedAt = db.readTime(row.updated_at);
  article.deletedAt = db.readOptionalTime(row.deleted_at);
  return article;
}

function parseByline(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

export function positionOf(article: Article): Position {
  return { sortKey: article.publishedAt ?? article.createdAt, rowId: article.rowId };
}

/** The visibility rule in SQL; `public` callers see published, undeleted articles only. */
export function visibleClause(seesUnpublished: boolean): string {
  return seesUnpublished ? '1 = 1' : `a.status = '${ArticleStatus.PUBLISHED}' AND a.deleted_at IS NULL`;
}

/** Rows strictly after `after` in list order; adds its parameters to `params`. */
export function afterClause(after: Position | null, params: Params): string {
  if (!after) return '1 = 1';
  params.afterKey = after.sortKey;
  params.afterId = after.rowId;
  return `(${SORT_KEY} < :afterKey OR (${SORT_KEY} = :afterKey AND a.id < :afterId))`;
}

/** (root, region) for every region at or below each root; depth-bounded against a corrupt cycle. */
export function regionTreeCte(rootsSql: string): string {
  return `region_tree(root_id, region_id, depth) AS (
      SELECT r.id, r.id, 0 FROM region r WHERE ${rootsSql}
      UNION ALL
      SELECT t.root_id, r.id, t.depth + 1 FROM region r JOIN region_tree t ON r.parent_id = t.region_id
      WHERE t.depth < 32
    )`;
}
