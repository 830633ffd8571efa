import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { ArticleListFilter, filterShape, publishedArticles } from '../article/article.query';
import type { Db } from '../db/db';
import { RegionClosure } from '../region/region-closure.entity';
import { Source } from '../source/source.entity';
import { ArticleStatsGroup, SOURCE_DIMENSIONS, StatsBucket } from './article-stats.type';

type Query = SelectQueryBuilder<ObjectLiteral>;

/** The most rows articleStats answers; a statement reads one more to tell that there were more. */
export const MAX_STATS_ROWS = 10_000;

/** An articleStats request, validated (article-stats.resolver.ts). */
export interface StatsRequest {
  filter: ArticleListFilter;
  groupBy: readonly ArticleStatsGroup[];
  bucket: StatsBucket | null;
  from: Date | null;
  to: Date | null;
}

/**
 * Each key's expression and result column. `a` is the published articles (article.query.ts), `ar`
 * an article's regions rolled up the tree, `cite` its citation links and `src` their sources.
 */
const KEYS: Record<ArticleStatsGroup, { expression: string; column: string }> = {
  REGION: { expression: 'ar.region_id', column: 'region_id' },
  SOURCE: { expression: 'cite.sourceId', column: 'source_id' },
  SOURCE_KIND: { expression: 'src.kind', column: 'source_kind' },
  STATE_AFFILIATED: { expression: 'src.stateAffiliated', column: 'state_affiliated' },
  LABEL: { expression: 'a.label', column: 'label' },
  LANGUAGE: { expression: 'a.language', column: 'language' },
};

/**
 * The start of a publication time's UTC bucket: what the query builder cannot say, as each
 * database truncates dates its own way. PostgreSQL truncates the timestamptz in UTC (its weeks are
 * ISO weeks); SQLite holds TypeORM's UTC text ('YYYY-MM-DD HH:MM:SS.SSS', see DateUtils), which its
 * date functions read as UTC: back six days, then forward to a Monday, is the week's Monday.
 */
function bucketExpression(db: Db, bucket: StatsBucket): string {
  if (db.kind === 'postgres') return `date_trunc('${bucket.toLowerCase()}', a.published_at, 'UTC')`;
  return {
    [StatsBucket.DAY]: 'date(a.published_at)',
    [StatsBucket.WEEK]: "date(a.published_at, '-6 days', 'weekday 1')",
    [StatsBucket.MONTH]: "strftime('%Y-%m-01', a.published_at)",
  }[bucket];
}

/** (article_id, region_id): each region an article is about and every region above them, once. */
const rolledUpRegions = (query: Query) =>
  query
    .select('about.articleId', 'article_id')
    .addSelect('lineage.ancestorId', 'region_id')
    .distinct(true)
    .from(ArticleRegion, 'about')
    .innerJoin(RegionClosure, 'lineage', 'lineage.descendantId = about.regionId');

/** (article_id, n): how many sources each article cites. */
const citationCounts = (query: Query) =>
  query
    .select('counted.articleId', 'article_id')
    .addSelect('COUNT(*)', 'n')
    .from(ArticleSource, 'counted')
    .groupBy('counted.articleId');

/**
 * articleStats as one statement: GROUP BY in the database over the published articles the filter
 * selects (publishedArticles: the filter means what it means on `articles`). Joined rows are kept
 * unique per article and group so the counts need no second pass: regions are rolled up DISTINCT per
 * article, and without a source key each article brings its number of citations (one row), so
 * `articles` is COUNT(*) and `citations` a SUM; with a source key each citation link is a row,
 * `citations` counts them and `articles` counts distinct articles. LEFT JOINs keep an article with
 * no region or no citation, in the null group of that key.
 */
export const articleStatsQuery = (db: Db, request: StatsRequest) => {
  const { filter, groupBy, bucket, from, to } = request;
  return {
    shape: ['articleStats', filterShape(filter), groupBy.join(','), bucket, from && 'from', to && 'to'].join(' '),
    build: () => {
      const query = publishedArticles(db, filter).select([]);
      if (groupBy.includes(ArticleStatsGroup.REGION)) query.leftJoin(rolledUpRegions, 'ar', 'ar.article_id = a.id');
      const bySource = groupBy.some((group) => SOURCE_DIMENSIONS.includes(group));
      if (bySource) {
        query
          .leftJoin(ArticleSource, 'cite', 'cite.articleId = a.id')
          .leftJoin(Source, 'src', 'src.rowId = cite.sourceId');
        query.addSelect('COUNT(DISTINCT a.id)', 'articles').addSelect('COUNT(cite.sourceId)', 'citations');
      } else {
        query.leftJoin(citationCounts, 'cited', 'cited.article_id = a.id');
        query.addSelect('COUNT(*)', 'articles').addSelect('COALESCE(SUM(cited.n), 0)', 'citations');
      }
      const keys = groupBy.map((group) => KEYS[group]);
      if (bucket) keys.push({ expression: bucketExpression(db, bucket), column: 'bucket' });
      for (const { expression, column } of keys) {
        query.addSelect(expression, column).addGroupBy(expression).addOrderBy(expression, 'ASC', 'NULLS LAST');
      }
      if (from) query.andWhere('a.published_at >= :statsFrom');
      if (to) query.andWhere('a.published_at < :statsTo');
      return query.limit(MAX_STATS_ROWS + 1);
    },
    values: { ...filter, statsFrom: from, statsTo: to },
  };
};

/** The `first` most-cited sources of the articles the filter selects, ties by source id: one statement. */
export const topSourcesQuery = (db: Db, filter: ArticleListFilter, first: number) => ({
  shape: ['topSources', filterShape(filter), first].join(' '),
  build: () =>
    publishedArticles(db, filter)
      .select('cite.sourceId', 'source_id')
      .addSelect('COUNT(DISTINCT a.id)', 'articles')
      .addSelect('COUNT(*)', 'citations')
      .innerJoin(ArticleSource, 'cite', 'cite.articleId = a.id')
      .groupBy('cite.sourceId')
      .orderBy('COUNT(*)', 'DESC')
      .addOrderBy('cite.sourceId', 'ASC')
      .limit(first),
  values: { ...filter },
});
