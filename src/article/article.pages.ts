import DataLoader from 'dataloader';
import { Db, Params } from '../db/db';
import type { LoaderScope } from '../loader-scope';
import { PageRequest } from '../pagination/page-args';
import { ArticlePage } from './article.connection';
import { afterClause, ARTICLE_COLUMNS, ArticleRow, ORDER_BY, regionTreeCte, toArticle } from './article.sql';

/** Conditions on the top-level article list, already validated (see article.filter.ts). */
export interface ArticleListFilter {
  regionCode?: string;
  sourceRowId?: number;
  language?: string;
  label?: string;
  publishedAfter?: Date;
  publishedBefore?: Date;
}

/**
 * The articles under a set of parents: SQL yielding (parent_key, article_id) for the parent keys
 * bound as `:...keys`, with the CTEs it needs.
 */
export interface ParentLinks {
  ctes: string[];
  sql: string;
}

function filterSql(filter: ArticleListFilter, params: Params): { ctes: string[]; where: string[] } {
  const ctes: string[] = [];
  const where: string[] = [];
  if (filter.regionCode !== undefined) {
    params.regionCode = filter.regionCode;
    ctes.push(regionTreeCte('r.code = :regionCode'));
    where.push(
      'a.id IN (SELECT ar.article_id FROM article_region ar JOIN region_tree t ON t.region_id = ar.region_id)',
    );
  }
  if (filter.sourceRowId !== undefined) {
    params.sourceRowId = filter.sourceRowId;
    where.push('a.id IN (SELECT article_id FROM article_source WHERE source_id = :sourceRowId)');
  }
  if (filter.language !== undefined) {
    params.language = filter.language;
    where.push('a.language = :language');
  }
  if (filter.label !== undefined) {
    params.label = filter.label;
    where.push('a.label = :label');
  }
  if (filter.publishedAfter !== undefined) {
    params.publishedAfter = filter.publishedAfter;
    where.push('a.published_at > :publishedAfter');
  }
  if (filter.publishedBefore !== undefined) {
    params.publishedBefore = filter.publishedBefore;
    where.push('a.published_at < :publishedBefore');
  }
  return { ctes, where };
}

const withClause = (ctes: string[]): string => (ctes.length ? `WITH RECURSIVE ${ctes.join(', ')} ` : '');

/**
 * The parents' links (`p`) joined to their articles (`a`). PostgreSQL over-estimates the rows of a
 * recursive CTE (a region's tree) some thirty-fold and then reads every article to join them (40 ms
 * for a country's hundred); LATERAL … OFFSET 0 keeps it on the primary key, one probe per link.
 * SQLite plans the nested loop anyway.
 */
export function linkedArticles(db: Db, links: ParentLinks): string {
  return db.kind === 'postgres'
    ? `(${links.sql}) p CROSS JOIN LATERAL (SELECT * FROM article a WHERE a.id = p.article_id OFFSET 0) a`
    : `(${links.sql}) p JOIN article a ON a.id = p.article_id`;
}

/** One page of the top-level list: one statement. */
export async function listArticles(
  db: Db,
  visible: string,
  filter: ArticleListFilter,
  request: PageRequest,
): Promise<ArticlePage> {
  const params: Params = { limit: request.first + 1 };
  const { ctes, where } = filterSql(filter, params);
  const rows = await db.query<ArticleRow>(
    `${withClause(ctes)}SELECT ${ARTICLE_COLUMNS} FROM article a
     WHERE ${[visible, afterClause(request.after, params), ...where].join(' AND ')}
     ORDER BY ${ORDER_BY} LIMIT :limit`,
    params,
  );
  return { rows: rows.map((row) => toArticle(db, row)) };
}

export async function countArticles(db: Db, visible: string, filter: ArticleListFilter): Promise<number> {
  const params: Params = {};
  const { ctes, where } = filterSql(filter, params);
  const [row] = await db.query<{ n: number | string }>(
    `${withClause(ctes)}SELECT COUNT(*) AS n FROM article a WHERE ${[visible, ...where].join(' AND ')}`,
    params,
  );
  return Number(row.n);
}

/**
 * One page per parent for many parents in one statement: rows are numbered per parent with a
 * window function and cut at first + 1, so 50 sources' first 5 articles cost one query, not 50.
 */
export function createPageLoader(
  { db, visible, batch }: LoaderScope,
  links: ParentLinks,
  request: PageRequest,
): DataLoader<number, ArticlePage> {
  return new DataLoader(
    async (keys) => {
      const params: Params = { keys: [...keys], limit: request.first + 1 };
      const rows = await db.query<ArticleRow & { parent_key: number }>(
        `${withClause(links.ctes)}SELECT * FROM (
         SELECT ${ARTICLE_COLUMNS}, p.parent_key,
                ROW_NUMBER() OVER (PARTITION BY p.parent_key ORDER BY ${ORDER_BY}) AS rn
         FROM ${linkedArticles(db, links)}
         WHERE ${visible} AND ${afterClause(request.after, params)}
       ) ranked
       WHERE rn <= :limit
       ORDER BY parent_key, rn`,
        params,
      );
      const pages = new Map<number, ArticlePage>(keys.map((key) => [key, { rows: [] }]));
      for (const row of rows) pages.get(Number(row.parent_key))?.rows.push(toArticle(db, row));
      return keys.map((key) => pages.get(key)!);
    },
    { batch },
  );
}

/** Total articles per parent, for `totalCount` under a list: one GROUP BY for all parents. */
export function createCountLoader({ db, visible, batch }: LoaderScope, links: ParentLinks): DataLoader<number, number> {
  return new DataLoader(
    async (keys) => {
      const rows = await db.query<{ parent_key: number; n: number | string }>(
        `${withClause(links.ctes)}SELECT p.parent_key, COUNT(*) AS n
       FROM ${linkedArticles(db, links)}
       WHERE ${visible}
       GROUP BY p.parent_key`,
        { keys: [...keys] },
      );
      const counts = new Map(rows.map((row) => [Number(row.parent_key), Number(row.n)]));
      return keys.map((key) => counts.get(key) ?? 0);
    },
    { batch },
  );
}
