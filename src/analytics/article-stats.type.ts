import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Region } from '../region/region.entity';
import { Source, SourceKind } from '../source/source.entity';

/** What articleStats can group by; each is a key of its rows (analytics.query.ts says how it is counted). */
export enum ArticleStatsGroup {
  REGION = 'REGION',
  SOURCE = 'SOURCE',
  SOURCE_KIND = 'SOURCE_KIND',
  STATE_AFFILIATED = 'STATE_AFFILIATED',
  LABEL = 'LABEL',
  LANGUAGE = 'LANGUAGE',
}
registerEnumType(ArticleStatsGroup, {
  name: 'ArticleStatsGroup',
  valuesConfig: {
    REGION: {
      description: 'Rolls up the region tree: an article counts once for each region it is about and each above them.',
    },
    SOURCE: { description: 'The cited source; articles citing nothing fall in the group with no source.' },
    SOURCE_KIND: { description: 'The kind of the cited source; articles citing nothing fall in the null group.' },
    STATE_AFFILIATED: { description: 'Whether the cited source is state-affiliated; citing nothing: null.' },
  },
});

/** Time buckets of articleStats, by publication time in UTC. */
export enum StatsBucket {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(StatsBucket, {
  name: 'StatsBucket',
  valuesConfig: { WEEK: { description: 'ISO weeks, starting on Monday.' } },
});

/** The keys read from the cited source: grouped by one, an article's citations are split among groups. */
export const SOURCE_DIMENSIONS: readonly ArticleStatsGroup[] = [
  ArticleStatsGroup.SOURCE,
  ArticleStatsGroup.SOURCE_KIND,
  ArticleStatsGroup.STATE_AFFILIATED,
];

@ObjectType({
  description:
    'One group of published articles. A key is set only when grouped by it; null there is the group without one ' +
    '(no region, no cited source, no label).',
})
export class ArticleStatsRow {
  /** The grouped region's row id; `region` resolves it through the request's loader. */
  regionRowId: number | null = null;
  /** The grouped source's row id; `source` resolves it likewise. */
  sourceRowId: number | null = null;
  /** The grouped region and source when articleStats loaded them for all rows at once; undefined otherwise. */
  loadedRegion?: Region | null;
  loadedSource?: Source | null;

  @Field(() => SourceKind, { nullable: true })
  sourceKind: SourceKind | null = null;

  @Field(() => Boolean, { nullable: true })
  stateAffiliated: boolean | null = null;

  @Field(() => String, { nullable: true })
  label: string | null = null;

  @Field(() => String, { nullable: true })
  language: string | null = null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'Start of the UTC day, week (Monday) or month; set only when a bucket is asked for.',
  })
  bucket: Date | null = null;

  @Field(() => Int, { description: 'Distinct articles in the group.' })
  articles: number;

  @Field(() => Int, {
    description:
      "Citation links in the group: with a source key, those to the group's sources; otherwise all of its articles'.",
  })
  citations: number;
}

@ObjectType({ description: 'A source and how often the selected articles cite it.' })
export class SourceCount {
  /** Resolved as `source` through the request's loader. */
  sourceRowId: number;

  @Field(() => Int, { description: 'Articles citing the source.' })
  articles: number;

  @Field(() => Int, { description: 'Citation links to the source.' })
  citations: number;
}
