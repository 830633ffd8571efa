import { registerEnumType } from 'type-graphql';

/**
 * The verdicts a fact-check may give, on one fixed scale for every article, so that readers and
 * search engines compare them. schema.org's Rating needs numbers: TRUE is the best (5), FALSE the
 * worst (1); UNPROVEN is no point on that line, so it has no number, only its name.
 */
export enum FactCheckRating {
  TRUE = 'TRUE',
  MOSTLY_TRUE = 'MOSTLY_TRUE',
  MIXED = 'MIXED',
  MOSTLY_FALSE = 'MOSTLY_FALSE',
  FALSE = 'FALSE',
  UNPROVEN = 'UNPROVEN',
}
registerEnumType(FactCheckRating, {
  name: 'FactCheckRating',
  description: 'A fact-check’s verdict, from TRUE (5) to FALSE (1); UNPROVEN has no number.',
});

export const BEST_RATING = 5;
export const WORST_RATING = 1;

/** Each verdict's number (schema.org ratingValue) and its name as printed (alternateName). */
export const RATING_SCALE: Readonly<Record<FactCheckRating, { value: number | null; label: string }>> = {
  [FactCheckRating.TRUE]: { value: 5, label: 'True' },
  [FactCheckRating.MOSTLY_TRUE]: { value: 4, label: 'Mostly true' },
  [FactCheckRating.MIXED]: { value: 3, label: 'Mixed' },
  [FactCheckRating.MOSTLY_FALSE]: { value: 2, label: 'Mostly false' },
  [FactCheckRating.FALSE]: { value: 1, label: 'False' },
  [FactCheckRating.UNPROVEN]: { value: null, label: 'Unproven' },
};

/** Who made a claim: schema.org's Claim author is a Person or an Organization. */
export enum ClaimantKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(ClaimantKind, { name: 'ClaimantKind' });
