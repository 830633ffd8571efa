import DataLoader from 'dataloader';
import type { LoaderScope } from '../loader-scope';
import { manyByKey, oneByKey } from '../db/batch';
import { joinedColumns, primeJoined } from '../db/joined-columns';
import { Photo } from '../photo/photo.entity';
import { PHOTO_COLUMNS, PhotoRow, toPhoto } from '../photo/photo.sql';
import { Region } from '../region/region.entity';
import { REGION_COLUMNS, RegionRow, toRegion } from '../region/region.sql';
import { Source } from '../source/source.entity';
import { SOURCE_COLUMNS, SourceRow, toSource } from '../source/source.sql';
import { PageRequest } from '../pagination/page-args';
import { ArticleListFilter, countArticles, listArticles } from './article.pages';
import { ARTICLE_COLUMNS, ArticleRow, toArticle } from './article.sql';
import { Citation } from './citation.type';

export type ArticleLoaders = ReturnType<typeof createArticleLoaders>;

/** The request's loaders of the rows joined in beside an article's links, primed with them. */
export interface RelatedLoaders {
  sourceById: DataLoader<number, Source | null>;
  regionById: DataLoader<number, Region | null>;
}

/**
 * Loaders keyed by article row id (or slug), filtered by the viewer's visibility. A citation's
 * country, a photo's credit and a region's parent come in the same statement as the link and prime
 * `related`: one statement fewer each, and the count no longer depends on whether two loads of
 * one loader happened to fall in the same tick.
 */
export function createArticleLoaders(scope: LoaderScope, related: RelatedLoaders) {
  const { db, visible } = scope;
  const articles = (where: string) => async (keys: (number | string)[]) =>
    (
      await db.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE ${where} AND ${visible}`, {
        keys,
      })
    ).map((row) => toArticle(db, row));

  return {
    /** The top-level list: one statement for the page, one for totalCount when it is asked for. */
    list: (filter: ArticleListFilter, request: PageRequest) => listArticles(db, visible, filter, request),
    count: (filter: ArticleListFilter) => countArticles(db, visible, filter),

    byId: oneByKey(scope, articles('a.id IN (:...keys)'), (article) => article.rowId),
    bySlug: oneByKey(scope, articles('a.slug IN (:...keys)'), (article) => article.slug),

    citations: manyByKey<number, Citation>(scope, async (keys) => {
      const rows = await db.query<SourceRow & { article_id: number; position: number; context: string | null }>(
        `SELECT l.article_id, l.position, l.context, ${SOURCE_COLUMNS}, ${joinedColumns(REGION_COLUMNS, 'c', 'country')}
         FROM article_source l JOIN source s ON s.id = l.source_id LEFT JOIN region c ON c.id = s.country_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, l.position`,
        { keys },
      );
      primeJoined(rows, 'country', related.regionById, toRegion);
      return rows.map((row) => [
        Number(row.article_id),
        { source: toSource(db, row), position: Number(row.position), context: row.context },
      ]);
    }),

    photos: manyByKey<number, Photo>(scope, async (keys) => {
      const rows = await db.query<PhotoRow & { article_id: number }>(
        `SELECT l.article_id, ${PHOTO_COLUMNS}, ${joinedColumns(SOURCE_COLUMNS, 'c', 'credit')}
         FROM article_photo l JOIN photo p ON p.id = l.photo_id LEFT JOIN source c ON c.id = p.credit_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, l.position`,
        { keys },
      );
      primeJoined(rows, 'credit', related.sourceById, (credit: SourceRow) => toSource(db, credit));
      return rows.map((row) => [Number(row.article_id), toPhoto(row)]);
    }),

    regions: manyByKey<number, Region>(scope, async (keys) => {
      const rows = await db.query<RegionRow & { article_id: number }>(
        `SELECT l.article_id, ${REGION_COLUMNS}, ${joinedColumns(REGION_COLUMNS, 'pr', 'parent')}
         FROM article_region l JOIN region r ON r.id = l.region_id LEFT JOIN region pr ON pr.id = r.parent_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, r.name`,
        { keys },
      );
      primeJoined(rows, 'parent', related.regionById, toRegion);
      return rows.map((row) => [Number(row.article_id), toRegion(row)]);
    }),
  };
}
