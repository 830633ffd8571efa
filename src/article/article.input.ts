import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IfGiven, rules, SLUG_PATTERN, slugMessage, MaxBytes, MaxCharacters } from '../validation';

/** Ten times the longest article in the archive; a body beyond it is a pasting accident. */
export const MAX_BODY_BYTES = 200_000;
/** Related ids per list; an article cites tens of sources at most. */
export const MAX_LINKS = 100;

const SlugRules = () =>
  rules(
    MaxCharacters(200, { message: 'slug must be at most 200 characters; shorten it.' }),
    Matches(SLUG_PATTERN, { message: slugMessage('slug') }),
  );
const TitleRules = () =>
  rules(
    Matches(/\S/, { message: 'title must not be empty; give the headline.' }),
    MaxCharacters(500, { message: 'title must be at most 500 characters; shorten it.' }),
  );
const BodyRules = () =>
  MaxBytes(MAX_BODY_BYTES, {
    message: `body must be at most ${MAX_BODY_BYTES} bytes of UTF-8; split the piece or trim it.`,
  });
const LanguageRules = () =>
  rules(
    Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, {
      message: 'language must be a BCP 47 tag such as "en", "ro" or "pt-BR".',
    }),
    MaxCharacters(35, { message: 'language must be at most 35 characters; a BCP 47 tag such as "pt-BR" is enough.' }),
  );
const SummaryRules = () =>
  rules(IsOptional(), MaxCharacters(2000, { message: 'summary must be at most 2000 characters.' }));
const LabelRules = () => rules(IsOptional(), MaxCharacters(200, { message: 'label must be at most 200 characters.' }));
const BylineRules = () =>
  rules(
    ArrayMaxSize(20, { message: 'byline takes at most 20 names.' }),
    Matches(/\S/, { each: true, message: 'byline names must not be empty; remove the blank entry.' }),
    MaxCharacters(200, { each: true, message: 'each byline name must be at most 200 characters.' }),
  );
const IdListRules = (what: string) =>
  rules(
    ArrayMaxSize(MAX_LINKS, { message: `${what} takes at most ${MAX_LINKS} ids.` }),
    ArrayUnique({ message: `${what} lists an id twice; give each once, in the order to show.` }),
  );

/** Fields of UpdateArticleInput that cannot be cleared: null there is refused (see rejectNulls). */
export const NOT_NULL_ON_UPDATE = ['slug', 'title', 'body', 'language', 'byline', 'sourceIds', 'photoIds', 'regionIds'];

@InputType({ description: 'A new article; it is created as a DRAFT.' })
export class CreateArticleInput {
  @Field() @SlugRules() slug: string;
  @Field() @TitleRules() title: string;
  @Field({ description: `Plain text, paragraphs separated by a blank line; at most ${MAX_BODY_BYTES} bytes.` })
  @BodyRules()
  body: string;
  @Field() @LanguageRules() language: string;
  @Field(() => String, { nullable: true }) @SummaryRules() summary?: string | null;
  @Field(() => String, { nullable: true }) @LabelRules() label?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @BylineRules() byline?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Cited sources, in order of first citation.' })
  @IsOptional()
  @IdListRules('sourceIds')
  sourceIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Photos, in page order.' })
  @IsOptional()
  @IdListRules('photoIds')
  photoIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Regions the article is about.' })
  @IsOptional()
  @IdListRules('regionIds')
  regionIds?: string[] | null;
}

@InputType({
  description:
    'Changes to an article. Fields left out keep their value; summary and label take null to clear; ' +
    'sourceIds, photoIds and regionIds replace the whole list ([] empties it).',
})
export class UpdateArticleInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'The version you read; a newer one in the database is a CONFLICT.' })
  version: number;
  @Field({ nullable: true }) @IfGiven() @SlugRules() slug?: string;
  @Field({ nullable: true }) @IfGiven() @TitleRules() title?: string;
  @Field({ nullable: true }) @IfGiven() @BodyRules() body?: string;
  @Field({ nullable: true }) @IfGiven() @LanguageRules() language?: string;
  @Field(() => String, { nullable: true }) @SummaryRules() summary?: string | null;
  @Field(() => String, { nullable: true }) @LabelRules() label?: string | null;
  @Field(() => [String], { nullable: true }) @IfGiven() @BylineRules() byline?: string[];
  @Field(() => [ID], { nullable: true }) @IfGiven() @IdListRules('sourceIds') sourceIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) @IfGiven() @IdListRules('photoIds') photoIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) @IfGiven() @IdListRules('regionIds') regionIds?: string[] | null;
}
