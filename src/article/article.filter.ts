import { Field, ID, InputType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from '../errors';
import { rowIdOf } from '../node/global-id';
import { ArticleListFilter } from './article.query';

@InputType({ description: 'Conditions on the article list; all given conditions must hold.' })
export class ArticleFilter {
  @Field(() => String, { nullable: true, description: 'Includes every region below it.' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  sourceId?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  publishedAfter?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  publishedBefore?: Date | null;
}

/** Checks a client's filter and turns its ids into row ids; the result also scopes cursors. */
export function resolveFilter(filter: ArticleFilter | null | undefined): ArticleListFilter {
  if (!filter) return {};
  const resolved: ArticleListFilter = {};
  if (filter.regionCode != null) resolved.regionCode = filter.regionCode;
  if (filter.sourceId != null) resolved.sourceRowId = rowIdOf(filter.sourceId, 'Source', 'filter.sourceId');
  if (filter.language != null) resolved.language = filter.language;
  if (filter.label != null) resolved.label = filter.label;
  if (filter.publishedAfter != null) resolved.publishedAfter = filter.publishedAfter;
  if (filter.publishedBefore != null) resolved.publishedBefore = filter.publishedBefore;
  if (resolved.publishedAfter && resolved.publishedBefore && resolved.publishedAfter >= resolved.publishedBefore) {
    throw badInput('filter.publishedAfter', 'publishedAfter must be earlier than publishedBefore.');
  }
  return resolved;
}
