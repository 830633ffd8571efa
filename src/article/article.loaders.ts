import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { batchLoader, manyByKey, oneByKey, perArguments } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import type { PageRequest } from '../pagination/page-args';
import { Photo } from '../photo/photo.entity';
import { onlySyndicable, partnerShape, photoRows, syndicableValues } from '../photo/photo.loaders';
import { Region } from '../region/region.entity';
import { regionRows } from '../region/region.loaders';
import { Source } from '../source/source.entity';
import { sourceRows } from '../source/source.loaders';
import { ArticlePhoto, ArticleRegion, ArticleSource } from './article-links.entity';
import type { ArticlePage } from './article.connection';
import {
  aboutRegions,
  aboutRegionTrees,
  ArticleListFilter,
  articleRows,
  citingSources,
  countQuery,
  countsQuery,
  listQuery,
  pagesQuery,
  PageWindow,
  ParentLinks,
  shapeOf,
  visibleArticles,
} from './article.query';
import { Citation } from './citation.type';

export type ArticleLoaders = ReturnType<typeof createArticleLoaders>;

type Query = SelectQueryBuilder<ObjectLiteral>;

/** The request's loaders of the rows joined in beside an article's links, primed with them. */
export interface RelatedLoaders {
  sourceById: DataLoader<number, Source | null>;
  regionById: DataLoader<number, Region | null>;
}

/**
 * Loaders keyed by article row id (or slug), and the pages of articles under a source or a region,
 * all filtered by the viewer's visibility (article.query.ts). A citation's country, a photo's
 * credit and a region's parent come in the same statement as the link and prime `related`: one
 * statement fewer each, and the count no longer depends on whether two loads of one loader
 * happened to fall in the same tick.
 */
export function createArticleLoaders(scope: LoaderScope, related: RelatedLoaders) {
  const { db } = scope;
  const articles = articleRows(scope);
  const sources = sourceRows(scope);
  const photos = photoRows(scope);
  const regions = regionRows(scope);
  const byKeys = (column: string) => async (keys: (number | string)[]) =>
    (
      await db.rows(
        shapeOf(scope, 'article by', column),
        () => visibleArticles(scope).andWhere(db.inKeys(column, 'keys')),
        { keys },
      )
    ).map((row) => articles.read(row, 'a'));
  const run = ({ shape, build, values }: { shape: string; build: () => Query; values: ObjectLiteral }) =>
    db.rows(shape, build, values);
  /** An article's links of one kind, for the articles bound as `keys`, in each article's order. */
  const linksOf = (link: typeof ArticleSource | typeof ArticlePhoto | typeof ArticleRegion) =>
    db
      .select()
      .select('l.articleId', 'article_id')
      .from(link, 'l')
      .where(db.inKeys('l.articleId', 'keys'))
      .orderBy('l.articleId');
  const prime = <V>(loader: DataLoader<number, V | null>, value: (V & { rowId: number }) | null) => {
    if (value) loader.prime(value.rowId, value);
  };

  const pages = (name: string, links: ParentLinks) =>
    perArguments((request: PageWindow) =>
      batchLoader<number, ArticlePage>(scope, name, async (keys) => {
        const rows = await run(pagesQuery(scope, links, [...keys], request));
        const byParent = new Map<number, ArticlePage>(keys.map((key) => [key, { rows: [] }]));
        for (const row of rows) byParent.get(Number(row.parent_key))?.rows.push(articles.read(row, 'a'));
        return keys.map((key) => byParent.get(key)!);
      }),
    );
  const counts = (name: string, links: ParentLinks) =>
    batchLoader<number, number>(scope, name, async (keys) => {
      const rows = await run(countsQuery(scope, links, [...keys]));
      const byParent = new Map(rows.map((row) => [Number(row.parent_key), Number(row.n)]));
      return keys.map((key) => byParent.get(key) ?? 0);
    });

  return {
    /** The top-level list: one statement for the page, one for totalCount when it is asked for. */
    list: async (filter: ArticleListFilter, request: PageRequest): Promise<ArticlePage> => ({
      rows: (await run(listQuery(scope, filter, request))).map((row) => articles.read(row, 'a')),
    }),
    count: async (filter: ArticleListFilter): Promise<number> => Number((await run(countQuery(scope, filter)))[0].n),

    byId: oneByKey(scope, 'article.byId', byKeys('a.id'), (article) => article.rowId),
    bySlug: oneByKey(scope, 'article.bySlug', byKeys('a.slug'), (article) => article.slug),

    citations: manyByKey<number, Citation>(scope, 'article.citations', async (keys) => {
      const build = () => {
        const query = linksOf(ArticleSource)
          .addSelect('l.position', 'position')
          .addSelect('l.context', 'context')
          .innerJoin(Source, 's', 's.rowId = l.sourceId')
          .leftJoin(Region, 'c', 'c.rowId = s.countryId')
          .addOrderBy('l.position');
        return regions.selectFrom(sources.selectFrom(query, 's'), 'c');
      };
      const rows = await db.rows('article.citations', build, { keys });
      return rows.map((row) => {
        prime(related.regionById, regions.readJoined(row, 'c'));
        const citation = { source: sources.read(row, 's'), position: Number(row.position), context: row.context };
        return [Number(row.article_id), citation as Citation];
      });
    }),

    /** An article's photos, in page order; a partner's only those it may republish. */
    photos: manyByKey<number, Photo>(scope, 'article.photos', async (keys) => {
      const build = () => {
        const query = linksOf(ArticlePhoto)
          .innerJoin(Photo, 'p', 'p.rowId = l.photoId')
          .leftJoin(Source, 'c', 'c.rowId = p.creditId')
          .addOrderBy('l.position');
        return onlySyndicable(scope, sources.selectFrom(photos.selectFrom(query, 'p'), 'c'), 'p');
      };
      const shape = `article.photos ${partnerShape(scope)}`;
      const rows = await db.rows(shape, build, { keys, ...syndicableValues(scope) });
      return rows.map((row) => {
        prime(related.sourceById, sources.readJoined(row, 'c'));
        return [Number(row.article_id), photos.read(row, 'p')];
      });
    }),

    /** How many of each article's photos a partner may not republish: one GROUP BY for the batch. */
    withheldPhotos: batchLoader<number, number>(scope, 'article.withheldPhotos', async (keys) => {
      const build = () =>
        db
          .select()
          .select('l.articleId', 'article_id')
          .addSelect('COUNT(*)', 'n')
          .from(ArticlePhoto, 'l')
          .innerJoin(Photo, 'p', 'p.rowId = l.photoId')
          .where(db.inKeys('l.articleId', 'keys'))
          .andWhere('p.syndicationAllowed = :syndicable')
          .groupBy('l.articleId');
      const rows = await db.rows('article.withheldPhotos', build, { keys, syndicable: false });
      const byArticle = new Map(rows.map((row) => [Number(row.article_id), Number(row.n)]));
      return keys.map((key) => byArticle.get(key) ?? 0);
    }),

    regions: manyByKey<number, Region>(scope, 'article.regions', async (keys) => {
      const build = () => {
        const query = linksOf(ArticleRegion)
          .innerJoin(Region, 'r', 'r.rowId = l.regionId')
          .leftJoin(Region, 'pr', 'pr.rowId = r.parentId')
          .addOrderBy('r.name');
        return regions.selectFrom(regions.selectFrom(query, 'r'), 'pr');
      };
      const rows = await db.rows('article.regions', build, { keys });
      return rows.map((row) => {
        prime(related.regionById, regions.readJoined(row, 'pr'));
        return [Number(row.article_id), regions.read(row, 'r')];
      });
    }),

    /** Articles citing each source, one page per source, newest first. */
    citing: pages('article.citing', citingSources(db)),
    citingCount: counts('article.citingCount', citingSources(db)),
    /** Articles about each region itself, or (`Deep`) about it or any region below it. */
    about: pages('article.about', aboutRegions(db)),
    aboutCount: counts('article.aboutCount', aboutRegions(db)),
    aboutDeep: pages('article.aboutDeep', aboutRegionTrees(db)),
    aboutDeepCount: counts('article.aboutDeepCount', aboutRegionTrees(db)),
  };
}
