import { IsEnum, IsOptional, IsUrl, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { HTTP_URL, IfGiven, MaxCharacters, rules } from '../validation';
import { ClaimantKind, FactCheckRating } from './fact-check-rating';

/** Fact-checks per article: a long explainer checks a dozen claims; more is a list to split. */
export const MAX_FACT_CHECKS = 50;
/** Corrections per article; every feed entry carries them all. */
export const MAX_CORRECTIONS = 50;

/** Dates before this are typing slips ("0202"), not claims or corrections we can have made. */
const EARLIEST = Date.UTC(1900, 0, 1);
/** How far ahead of this server's clock a date may be: another machine's clock, not tomorrow. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** A date that has happened: a claim was made, an article corrected, not in the future or the distant past. */
const PastDate = (field: string) =>
  ValidateBy({
    name: 'pastDate',
    validator: {
      validate: (value) =>
        !(value instanceof Date) || (value.getTime() >= EARLIEST && value.getTime() <= Date.now() + CLOCK_SLACK_MS),
      defaultMessage: () => `${field} must be a date that has passed, from 1900 on; check the year.`,
    },
  });

const Text = (field: string, max: number) =>
  rules(
    Matches(/\S/, { message: `${field} must not be empty.` }),
    MaxCharacters(max, { message: `${field} must be at most ${max} characters; shorten it.` }),
  );
const OptionalText = (field: string, max: number) =>
  rules(IsOptional(), MaxCharacters(max, { message: `${field} must be at most ${max} characters; shorten it.` }));
const Url = (field: string, what: string) =>
  rules(
    IsOptional(),
    IsUrl(HTTP_URL, { message: `${field} must be an http:// or https:// address of ${what}.` }),
    MaxCharacters(2048, { message: `${field} must be at most 2048 characters.` }),
  );
const Position = () =>
  rules(Min(1, { message: 'position counts from 1.' }), Max(MAX_FACT_CHECKS, { message: 'position is too large.' }));

const ClaimRules = () => Text('claim', 2000);
const ClaimantNameRules = () => Text('claimantName', 200);
const ClaimantUrlRules = () => Url('claimantUrl', 'a page about the claimant');
const AppearanceUrlRules = () => Url('appearanceUrl', 'where the claim appeared');
const AppearedAtRules = () => rules(IsOptional(), PastDate('appearedAt'));
const RatingRules = () => IsEnum(FactCheckRating, { message: 'rating must be one of the FactCheckRating values.' });
const ExplanationRules = () => OptionalText('ratingExplanation', 2000);
const CorrectionTextRules = () => Text('text', 2000);

/** Fields of UpdateFactCheckInput that cannot be cleared. */
export const FACT_CHECK_NOT_NULL = ['claim', 'claimantName', 'claimantKind', 'rating', 'position'];
/** Fields of UpdateCorrectionInput that cannot be cleared. */
export const CORRECTION_NOT_NULL = ['text', 'correctedAt'];

@InputType({ description: 'A fact-check to add to an article: a new version of the article.' })
export class AddFactCheckInput {
  @Field(() => ID) articleId: string;
  @Field(() => Int, { description: 'The article’s version you read; a newer one is a CONFLICT.' }) version: number;
  @Field({ description: 'The claim as made; at most 2000 characters.' }) @ClaimRules() claim: string;
  @Field() @ClaimantNameRules() claimantName: string;
  @Field(() => ClaimantKind, { nullable: true, description: 'PERSON when left out.' })
  claimantKind?: ClaimantKind | null;
  @Field(() => String, { nullable: true }) @ClaimantUrlRules() claimantUrl?: string | null;
  @Field(() => String, { nullable: true }) @AppearanceUrlRules() appearanceUrl?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) @AppearedAtRules() appearedAt?: Date | null;
  @Field(() => FactCheckRating) @RatingRules() rating: FactCheckRating;
  @Field(() => String, { nullable: true }) @ExplanationRules() ratingExplanation?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Where among the article’s fact-checks, from 1; last when left out.',
  })
  @IsOptional()
  @Position()
  position?: number | null;
}

@InputType({
  description:
    'Changes to a fact-check: a new version of its article. Fields left out keep their value; ' +
    'claimantUrl, appearanceUrl, appearedAt and ratingExplanation take null to clear.',
})
export class UpdateFactCheckInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'The article’s version you read; a newer one is a CONFLICT.' }) version: number;
  @Field({ nullable: true }) @IfGiven() @ClaimRules() claim?: string;
  @Field({ nullable: true }) @IfGiven() @ClaimantNameRules() claimantName?: string;
  @Field(() => ClaimantKind, { nullable: true }) claimantKind?: ClaimantKind;
  @Field(() => String, { nullable: true }) @ClaimantUrlRules() claimantUrl?: string | null;
  @Field(() => String, { nullable: true }) @AppearanceUrlRules() appearanceUrl?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) @AppearedAtRules() appearedAt?: Date | null;
  @Field(() => FactCheckRating, { nullable: true }) @IfGiven() @RatingRules() rating?: FactCheckRating;
  @Field(() => String, { nullable: true }) @ExplanationRules() ratingExplanation?: string | null;
  @Field(() => Int, { nullable: true, description: 'Moves it there among the article’s fact-checks.' })
  @IfGiven()
  @Position()
  position?: number;
}

@InputType({ description: 'A correction to add to an article: a new version of the article.' })
export class AddCorrectionInput {
  @Field(() => ID) articleId: string;
  @Field(() => Int, { description: 'The article’s version you read; a newer one is a CONFLICT.' }) version: number;
  @Field({ description: 'What was corrected; at most 2000 characters.' }) @CorrectionTextRules() text: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was corrected; now when left out.' })
  @IsOptional()
  @PastDate('correctedAt')
  correctedAt?: Date | null;
}

@InputType({ description: 'Changes to a correction: a new version of its article. Fields left out keep their value.' })
export class UpdateCorrectionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'The article’s version you read; a newer one is a CONFLICT.' }) version: number;
  @Field({ nullable: true }) @IfGiven() @CorrectionTextRules() text?: string;
  @Field(() => DateTimeResolver, { nullable: true }) @IfGiven() @PastDate('correctedAt') correctedAt?: Date;
}
