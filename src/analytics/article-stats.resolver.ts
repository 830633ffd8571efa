import { collectSubFields } from '@graphql-tools/utils';
import { GraphQLObjectType, GraphQLResolveInfo, getNamedType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { ArticleFilter, resolveFilter } from '../article/article.filter';
import { ANALYTICS } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { ArticleStatsGroup, ArticleStatsRow, StatsBucket } from './article-stats.type';

@Resolver(() => ArticleStatsRow)
export class ArticleStatsResolver {
  @Authorized(ANALYTICS)
  @Query(() => [ArticleStatsRow], {
    description:
      'Counts of published articles and their citations, grouped by the keys asked for and by time bucket ' +
      '(publication time, UTC; from inclusive, to exclusive). At most 10,000 rows; a request that would ' +
      'answer more is refused. For analysts and admins.',
  })
  async articleStats(
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
    @Arg('groupBy', () => [ArticleStatsGroup], { defaultValue: [] }) groupBy: ArticleStatsGroup[] = [],
    @Arg('bucket', () => StatsBucket, { nullable: true }) bucket?: StatsBucket | null,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from?: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true }) to?: Date | null,
  ): Promise<ArticleStatsRow[]> {
    const repeated = groupBy.find((group, index) => groupBy.indexOf(group) !== index);
    if (repeated) throw badInput('groupBy', `groupBy names ${repeated} twice; name each key once.`);
    if (from && to && from >= to) throw badInput('from', 'from must be earlier than to.');
    const rows = await loaders.analytics.articleStats({
      filter: resolveFilter(filter),
      groupBy,
      bucket: bucket ?? null,
      from: from ?? null,
      to: to ?? null,
    });
    // Thousands of rows (a continent's regions by month): resolved through the loaders one row at a
    // time, each row's region or source is a promise, so graphql-js completes every row
    // asynchronously, with a promise per field and row kept alive until the whole list settles
    // (bench/README.md, peak RSS). Loaded here for all rows at once, in the same statements the
    // loaders would have run, the rows complete synchronously.
    const asked = subfields(info);
    const regions = asked.has('region') && keyed(rows, (row) => row.regionRowId, loaders.region.byId);
    const sources = asked.has('source') && keyed(rows, (row) => row.sourceRowId, loaders.source.byId);
    const [regionById, sourceById] = await Promise.all([regions, sources]);
    for (const row of rows) {
      if (regionById && row.regionRowId !== null) row.loadedRegion = regionById.get(row.regionRowId);
      if (sourceById && row.sourceRowId !== null) row.loadedSource = sourceById.get(row.sourceRowId);
    }
    return rows;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Set when grouped by REGION.' })
  region(@Root() row: ArticleStatsRow, @Ctx() { loaders }: RequestContext): Promise<Region | null> | Region | null {
    if (row.regionRowId === null) return null;
    return row.loadedRegion !== undefined ? row.loadedRegion : loaders.region.byId.load(row.regionRowId);
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Set when grouped by SOURCE.' })
  source(@Root() row: ArticleStatsRow, @Ctx() { loaders }: RequestContext): Promise<Source | null> | Source | null {
    if (row.sourceRowId === null) return null;
    return row.loadedSource !== undefined ? row.loadedSource : loaders.source.byId.load(row.sourceRowId);
  }
}

/** The names of the fields the operation selects on each row (through fragments and directives too). */
function subfields(info: GraphQLResolveInfo): Set<string> {
  const rowType = getNamedType(info.returnType) as GraphQLObjectType;
  // The library takes graphql 17's variables (coerced values with their sources); on 16 it reads `coerced` only.
  const variables = { coerced: info.variableValues, sources: {} };
  const { fields } = collectSubFields(info.schema, info.fragments, variables, rowType, [...info.fieldNodes]);
  return new Set([...fields.values()].map((nodes) => nodes[0].name.value));
}

/**
 * The rows' distinct keys loaded in one batch, by key. A key whose load failed is left out: its rows
 * go through the loader, which answers the same failure for that field alone, as before.
 */
async function keyed<V>(
  rows: readonly ArticleStatsRow[],
  keyOf: (row: ArticleStatsRow) => number | null,
  loader: { loadMany(keys: readonly number[]): Promise<(V | Error)[]> },
): Promise<Map<number, V>> {
  const keys = [...new Set(rows.map(keyOf).filter((key): key is number => key !== null))];
  const values = await loader.loadMany(keys);
  const byKey = new Map<number, V>();
  keys.forEach((key, index) => {
    const value = values[index];
    if (!(value instanceof Error)) byKey.set(key, value);
  });
  return byKey;
}
