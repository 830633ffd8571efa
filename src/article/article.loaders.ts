import type { LoaderScope } from '../loader-scope';
import { manyByKey, oneByKey } from '../db/batch';
import { Photo } from '../photo/photo.entity';
import { PHOTO_COLUMNS, PhotoRow, toPhoto } from '../photo/photo.sql';
import { Region } from '../region/region.entity';
import { REGION_COLUMNS, RegionRow, toRegion } from '../region/region.sql';
import { SOURCE_COLUMNS, SourceRow, toSource } from '../source/source.sql';
import { PageRequest } from '../pagination/page-args';
import { ArticleListFilter, countArticles, listArticles } from './article.pages';
import { ARTICLE_COLUMNS, ArticleRow, toArticle } from './article.sql';
import { Citation } from './citation.type';

export type ArticleLoaders = ReturnType<typeof createArticleLoaders>;

/** Loaders keyed by article row id (or slug), filtered by the viewer's visibility. */
export function createArticleLoaders(scope: LoaderScope) {
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
        `SELECT l.article_id, l.position, l.context, ${SOURCE_COLUMNS}
         FROM article_source l JOIN source s ON s.id = l.source_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, l.position`,
        { keys },
      );
      return rows.map((row) => [
        Number(row.article_id),
        { source: toSource(db, row), position: Number(row.position), context: row.context },
      ]);
    }),

    photos: manyByKey<number, Photo>(scope, async (keys) => {
      const rows = await db.query<PhotoRow & { article_id: number }>(
        `SELECT l.article_id, ${PHOTO_COLUMNS}
         FROM article_photo l JOIN photo p ON p.id = l.photo_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, l.position`,
        { keys },
      );
      return rows.map((row) => [Number(row.article_id), toPhoto(db, row)]);
    }),

    regions: manyByKey<number, Region>(scope, async (keys) => {
      const rows = await db.query<RegionRow & { article_id: number }>(
        `SELECT l.article_id, ${REGION_COLUMNS}
         FROM article_region l JOIN region r ON r.id = l.region_id
         WHERE l.article_id IN (:...keys) ORDER BY l.article_id, r.name`,
        { keys },
      );
      return rows.map((row) => [Number(row.article_id), toRegion(db, row)]);
    }),
  };
}
