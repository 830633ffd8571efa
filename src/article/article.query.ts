import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Db } from '../db/db';
import type { LoaderScope } from '../loader-scope';
import type { Position } from '../pagination/cursor';
import type { PageRequest } from '../pagination/page-args';
import { RegionClosure } from '../region/region-closure.entity';
import { Region } from '../region/region.entity';
import { anonymousViewer, seesUnpublished } from '../viewer';
import { ArticlePhoto, ArticleRegion, ArticleSource } from './article-links.entity';
import { Article, ArticleStatus } from './article.entity';

type Query = SelectQueryBuilder<ObjectLiteral>;

/** A page's size and start, whatever list it is of. */
export type PageWindow = Pick<PageRequest, 'first' | 'after'>;

/** Conditions on the top-level article list, already validated (see article.filter.ts). */
export interface ArticleListFilter {
  regionCode?: string;
  sourceRowId?: number;
  language?: string;
  label?: string;
  publishedAfter?: Date;
  publishedBefore?: Date;
}

/** Every list's order, newest first, ties by id; idx_article_listing covers it. */
const SORT_KEY = 'COALESCE(a.published_at, a.created_at)';

export const articleRows = ({ db }: Pick<LoaderScope, 'db'>) => db.entityRows(Article);

/**
 * The one way to read articles: the articles `viewer` may see, as `a`, with their columns selected.
 * Outside the newsroom that is a subquery of published, undeleted articles, so no condition a caller
 * adds (or replaces, with `where`) can widen it; both databases flatten it into the outer query.
 */
export function visibleArticles({ db, viewer }: Pick<LoaderScope, 'db' | 'viewer'>): Query {
  const query = db.select().select([]);
  if (seesUnpublished(viewer)) query.from(Article, 'a');
  else {
    const rows = visibleRows({ db, viewer });
    query.from(`(${rows.getQuery()})`, 'a').setParameters(rows.getParameters());
  }
  return articleRows({ db }).selectFrom(query, 'a');
}

/** The article rows `viewer` may see, whole (`SELECT * FROM article v …`): what `a` stands for. */
function visibleRows({ db, viewer }: Pick<LoaderScope, 'db' | 'viewer'>): Query {
  const rows = db.select().select('*').from(Article, 'v');
  if (seesUnpublished(viewer)) return rows;
  return rows.where('v.status = :published AND v.deletedAt IS NULL', { published: ArticleStatus.PUBLISHED });
}

/**
 * Queries are built once per shape and run with each request's values (Db.rows): the functions
 * below add conditions that name their parameters, and `…Values` give the values to bind.
 */
export const shapeOf = (scope: Pick<LoaderScope, 'viewer'>, ...parts: unknown[]): string =>
  [seesUnpublished(scope.viewer) ? 'newsroom' : 'public', ...parts].join(' ');

/** Every list's order: newest first, ties by id. */
export const newestFirst = (query: Query): Query => query.orderBy(SORT_KEY, 'DESC').addOrderBy('a.id', 'DESC');

/** Rows strictly after the position bound as `afterKey`, `afterId`, when `after` is given. */
function startAfter(query: Query, after: Position | null): Query {
  if (!after) return query;
  return query.andWhere(
    new Brackets((where) =>
      where.where(`${SORT_KEY} < :afterKey`).orWhere(`${SORT_KEY} = :afterKey AND a.id < :afterId`),
    ),
  );
}

const afterValues = (after: Position | null) => (after ? { afterKey: after.sortKey, afterId: after.rowId } : {});

/**
 * The articles `scope`'s viewer may see (as `a`) that meet the filter's conditions, each naming its
 * parameter as the filter names its field: every list of articles, search's included, starts here.
 */
export function filtered(scope: Pick<LoaderScope, 'db' | 'viewer'>, filter: ArticleListFilter): Query {
  const { db } = scope;
  const query = visibleArticles(scope);
  if (filter.regionCode !== undefined) {
    const about = db
      .select()
      .select('l.articleId')
      .from(ArticleRegion, 'l')
      .innerJoin(RegionClosure, 't', 't.descendantId = l.regionId')
      .innerJoin(Region, 'r', 'r.rowId = t.ancestorId')
      .where('r.code = :regionCode');
    query.andWhere(`a.id IN (${about.getQuery()})`);
  }
  if (filter.sourceRowId !== undefined) {
    const citing = db.select().select('l.articleId').from(ArticleSource, 'l').where('l.sourceId = :sourceRowId');
    query.andWhere(`a.id IN (${citing.getQuery()})`);
  }
  if (filter.language !== undefined) query.andWhere('a.language = :language');
  if (filter.label !== undefined) query.andWhere('a.label = :label');
  if (filter.publishedAfter !== undefined) query.andWhere('a.published_at > :publishedAfter');
  if (filter.publishedBefore !== undefined) query.andWhere('a.published_at < :publishedBefore');
  return query;
}

/**
 * The published, undeleted articles that `filter` selects, as `a`, whoever asks: what the aggregates
 * count (analytics/), with the filter meaning what it means on `articles(filter:)`. Its parameters
 * are named as the filter's fields, so the filter itself is their values; its text changes with
 * `filterShape`.
 */
export const publishedArticles = (db: Db, filter: ArticleListFilter): Query =>
  filtered({ db, viewer: anonymousViewer }, filter);

/** What a filter changes in a query's text: which conditions it has. */
export const filterShape = (filter: ArticleListFilter): string => Object.keys(filter).sort().join(',');

/** One page of the top-level list, with one row more than asked for when there is more. */
export const listQuery = (scope: LoaderScope, filter: ArticleListFilter, request: PageRequest) => ({
  shape: shapeOf(scope, 'list', filterShape(filter), request.after ? 'after' : 'first', request.first),
  build: () => newestFirst(startAfter(filtered(scope, filter), request.after)).limit(request.first + 1),
  values: { ...filter, ...afterValues(request.after) },
});

export const countQuery = (scope: LoaderScope, filter: ArticleListFilter) => ({
  shape: shapeOf(scope, 'count', filterShape(filter)),
  build: () => filtered(scope, filter).select('COUNT(*)', 'n'),
  values: { ...filter },
});

/**
 * The articles under a set of parents (a source's, a region's): joins `p(parent_key, article_id)`
 * for the parents bound as `keys` onto an article query. `name` tells them apart in query shapes.
 */
export interface ParentLinks {
  readonly name: string;
  join(query: Query): Query;
  /** PostgreSQL: the text of a query of `(parent_key, article_id)` on its own (its one parameter is `keys`). */
  linksText(): string;
}

/** The links `links` selects as `(parent_key, article_id)`, for the parents bound as `keys`. */
const parentLinks = (db: Db, name: string, links: (query: Query) => Query): ParentLinks => ({
  name,
  join: (query) => query.innerJoin(links, 'p', 'p.article_id = a.id'),
  linksText: () => links(db.select()).getQuery(),
});

/** Links of one link table: `parent` is the link's column for the parent (sourceId, regionId). */
const linksIn = (
  db: Db,
  name: string,
  link: typeof ArticleSource | typeof ArticleRegion,
  parent: 'sourceId' | 'regionId',
): ParentLinks =>
  parentLinks(db, name, (query) =>
    query
      .select(`l.${parent}`, 'parent_key')
      .addSelect('l.articleId', 'article_id')
      .from(link, 'l')
      .where(db.inKeys(`l.${parent}`, 'keys')),
  );

export const citingSources = (db: Db): ParentLinks => linksIn(db, 'citing', ArticleSource, 'sourceId');
export const aboutRegions = (db: Db): ParentLinks => linksIn(db, 'about', ArticleRegion, 'regionId');

/**
 * Articles about each region or any region below it: the regions below are one index range of the
 * tree's closure per region; an article about two of them counts once.
 */
export const aboutRegionTrees = (db: Db): ParentLinks =>
  parentLinks(db, 'about trees', (query) =>
    query
      .select('t.ancestorId', 'parent_key')
      .addSelect('l.articleId', 'article_id')
      .distinct(true)
      .from(RegionClosure, 't')
      .innerJoin(ArticleRegion, 'l', 'l.regionId = t.descendantId')
      .where(db.inKeys('t.ancestorId', 'keys')),
  );

/**
 * One page per parent for many parents in one statement: rows are numbered per parent with a
 * window function and cut at first + 1, so 50 sources' first 5 articles cost one query, not 50.
 */
export const pagesQuery = (scope: LoaderScope, links: ParentLinks, keys: number[], request: PageWindow) => ({
  shape: shapeOf(scope, 'pages', links.name, request.after ? 'after' : 'first'),
  build: () => {
    const numbered = `ROW_NUMBER() OVER (PARTITION BY p.parent_key ORDER BY ${SORT_KEY} DESC, a.id DESC)`;
    const outer = (ranked: string) =>
      scope.db
        .select()
        .select('ranked.*')
        .from(`(${ranked})`, 'ranked')
        .where('ranked.rn <= :limit')
        .orderBy('ranked.parent_key')
        .addOrderBy('ranked.rn');
    if (scope.db.kind === 'postgres') {
      const { text, parameters } = lateralArticles(scope, links);
      const after = request.after ? ` WHERE ${AFTER}` : '';
      const columns = articleRows(scope).selectList('a');
      const query = outer(`SELECT ${columns}, p.parent_key AS parent_key, ${numbered} AS rn ${text}${after}`);
      return query.setParameters(parameters);
    }
    const ranked = startAfter(links.join(visibleArticles(scope)), request.after)
      .addSelect('p.parent_key', 'parent_key')
      .addSelect(numbered, 'rn');
    return outer(ranked.getQuery()).setParameters(ranked.getParameters());
  },
  values: { keys, limit: request.first + 1, ...afterValues(request.after) },
});

/** Total articles per parent, for `totalCount` under a list: one GROUP BY for all parents. */
export const countsQuery = (scope: LoaderScope, links: ParentLinks, keys: number[]) => ({
  shape: shapeOf(scope, 'counts', links.name),
  build: () => {
    if (scope.db.kind === 'postgres') {
      const { text, parameters } = lateralArticles(scope, links);
      const query = scope.db
        .select()
        .select('counted.parent_key', 'parent_key')
        .addSelect('COUNT(*)', 'n')
        .from(`(SELECT p.parent_key ${text})`, 'counted')
        .groupBy('counted.parent_key');
      return query.setParameters(parameters);
    }
    return links
      .join(visibleArticles(scope))
      .select('p.parent_key', 'parent_key')
      .addSelect('COUNT(*)', 'n')
      .groupBy('p.parent_key');
  },
  values: { keys },
});

/** `startAfter`'s condition as text, for the statements assembled below. */
const AFTER = `(${SORT_KEY} < :afterKey OR (${SORT_KEY} = :afterKey AND a.id < :afterId))`;

/**
 * PostgreSQL: `FROM <links> p CROSS JOIN LATERAL (<visible rows of p's article> OFFSET 0) a`.
 * How many links a batch of parents has is a guess in a prepared statement's generic plan (a
 * region's subtree holds 1 to 445 regions on the benchmark's data); where PostgreSQL guessed high it
 * hashed every article to join them (3.8 → 15 ms of PostgreSQL CPU per region page, with the
 * recursive walk the closure table replaced). A lateral probe per link, kept from being flattened
 * by OFFSET 0, stays on the primary key whatever the guess. The
 * query builder has no lateral join, so this part of the statement is put together here from
 * texts the builder made: the links, and the visible rows (visibleRows, the one visibility rule).
 */
function lateralArticles(scope: LoaderScope, links: ParentLinks): { text: string; parameters: ObjectLiteral } {
  const probe = visibleRows(scope).andWhere('v.id = p.article_id');
  return {
    text: `FROM (${links.linksText()}) p CROSS JOIN LATERAL (${probe.getQuery()} OFFSET 0) a`,
    parameters: probe.getParameters(),
  };
}

/** Limits photos `photoAlias` to those an article the viewer may see uses (see photo.loaders.ts). */
export function whereUsedByVisibleArticle<Q extends Query>(scope: LoaderScope, query: Q, photoAlias: string): Q {
  if (seesUnpublished(scope.viewer)) return query;
  const uses = visibleArticles(scope)
    .select('1')
    .innerJoin(ArticlePhoto, 'u', `u.articleId = a.id AND u.photoId = ${photoAlias}.id`);
  return query.andWhere(`EXISTS (${uses.getQuery()})`, uses.getParameters());
}

export const positionOf = (article: Article): Position => ({
  sortKey: article.publishedAt ?? article.createdAt,
  rowId: article.rowId,
});
