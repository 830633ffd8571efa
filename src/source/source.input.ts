import { IsOptional, IsUrl, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HTTP_URL, IfGiven, rules, SLUG_PATTERN, slugMessage, MaxCharacters } from '../validation';
import { SourceKind } from './source.entity';

const URL_MESSAGE = 'url must be an http:// or https:// address, e.g. "https://www.reuters.com".';
const NameRules = () =>
  rules(
    Matches(/\S/, { message: 'name must not be empty; give the outlet\'s name, e.g. "Reuters".' }),
    MaxCharacters(200, { message: 'name must be at most 200 characters.' }),
  );
const SlugRules = () =>
  rules(
    MaxCharacters(120, { message: 'slug must be at most 120 characters; shorten it.' }),
    Matches(SLUG_PATTERN, { message: slugMessage('slug') }),
  );
const UrlRules = () =>
  rules(
    IsOptional(),
    IsUrl(HTTP_URL, { message: URL_MESSAGE }),
    MaxCharacters(2048, { message: 'url must be at most 2048 characters.' }),
  );

@InputType({ description: 'A new source (outlet, agency, institution).' })
export class CreateSourceInput {
  @Field()
  @SlugRules()
  slug: string;

  @Field()
  @NameRules()
  name: string;

  @Field(() => SourceKind)
  kind: SourceKind;

  @Field(() => String, { nullable: true })
  @UrlRules()
  url?: string | null;

  @Field({ nullable: true, description: 'Defaults to false.' })
  stateAffiliated?: boolean;

  @Field(() => ID, { nullable: true, description: 'The Region the source is based in.' })
  countryId?: string | null;
}

@InputType({ description: 'Changes to a source; fields left out keep their value, url and countryId take null.' })
export class UpdateSourceInput {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @SlugRules()
  slug?: string;

  @Field({ nullable: true })
  @IfGiven()
  @NameRules()
  name?: string;

  @Field(() => SourceKind, { nullable: true })
  kind?: SourceKind;

  @Field(() => String, { nullable: true })
  @UrlRules()
  url?: string | null;

  @Field({ nullable: true })
  stateAffiliated?: boolean;

  @Field(() => ID, { nullable: true })
  countryId?: string | null;
}

export const SOURCE_NOT_NULL_ON_UPDATE = ['slug', 'name', 'kind', 'stateAffiliated'];
