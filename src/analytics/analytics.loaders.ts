import type { ArticleListFilter } from '../article/article.query';
import type { RawRow } from '../db/rows';
import { DomainError, ErrorCode } from '../errors';
import type { LoaderScope } from '../loader-scope';
import type { SourceKind } from '../source/source.entity';
import { ArticleStatsRow, SourceCount } from './article-stats.type';
import { articleStatsQuery, MAX_STATS_ROWS, StatsRequest, topSourcesQuery } from './analytics.query';

export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;

/**
 * The aggregates: one statement each, whoever asks (they count published articles only). Not
 * DataLoaders: a request asks for each at the top level, so there is nothing to batch.
 */
export function createAnalyticsLoaders({ db }: Pick<LoaderScope, 'db'>) {
  return {
    articleStats: async (request: StatsRequest): Promise<ArticleStatsRow[]> => {
      const { shape, build, values } = articleStatsQuery(db, request);
      const rows = await db.rows(shape, build, values);
      if (rows.length > MAX_STATS_ROWS) {
        throw new DomainError(
          ErrorCode.BadUserInput,
          `articleStats would answer more than ${MAX_STATS_ROWS.toLocaleString('en')} rows; narrow from/to or the ` +
            'filter, use a coarser bucket, or group by fewer keys.',
        );
      }
      return rows.map(statsRow);
    },
    topSources: async (filter: ArticleListFilter, first: number): Promise<SourceCount[]> => {
      const { shape, build, values } = topSourcesQuery(db, filter, first);
      return (await db.rows(shape, build, values)).map((row) =>
        Object.assign(new SourceCount(), {
          sourceRowId: Number(row.source_id),
          articles: Number(row.articles),
          citations: Number(row.citations),
        }),
      );
    },
  };
}

const orNull = <T>(value: unknown, convert: (value: unknown) => T): T | null =>
  value === null || value === undefined ? null : convert(value);

/**
 * A result row as an ArticleStatsRow; a key the statement did not group by is absent, so null. The
 * drivers differ in three places: counts (PostgreSQL's bigint and numeric come as text), booleans
 * (SQLite's 0/1) and buckets (PostgreSQL's timestamptz is a Date, SQLite's date is 'YYYY-MM-DD').
 */
function statsRow(row: RawRow): ArticleStatsRow {
  return Object.assign(new ArticleStatsRow(), {
    regionRowId: orNull(row.region_id, Number),
    sourceRowId: orNull(row.source_id, Number),
    sourceKind: orNull(row.source_kind, (kind) => kind as SourceKind),
    stateAffiliated: orNull(row.state_affiliated, (flag) => flag === true || Number(flag) === 1),
    label: orNull(row.label, String),
    language: orNull(row.language, String),
    bucket: orNull(row.bucket, (start) => (start instanceof Date ? start : new Date(`${String(start)}T00:00:00.000Z`))),
    articles: Number(row.articles),
    citations: Number(row.citations),
  });
}
