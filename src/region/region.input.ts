import { Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IfGiven, rules, MaxCharacters } from '../validation';
import { RegionKind } from './region.entity';

const CodeRules = () =>
  rules(
    MaxCharacters(64, { message: 'code must be at most 64 characters.' }),
    Matches(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, {
      message: 'code must be an ISO 3166 code such as "KZ" or "KZ-47", or a slug such as "central-asia".',
    }),
  );
const NameRules = () =>
  rules(
    Matches(/\S/, { message: 'name must not be empty; give the place name, e.g. "Mangystau".' }),
    MaxCharacters(200, { message: 'name must be at most 200 characters.' }),
  );

@InputType({ description: 'A new place in the region tree.' })
export class CreateRegionInput {
  @Field() @CodeRules() code: string;
  @Field() @NameRules() name: string;
  @Field(() => RegionKind) kind: RegionKind;
  @Field(() => ID, { nullable: true, description: 'The Region directly above; null for a top-level one.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to a region; fields left out keep their value, parentId null makes it top-level.' })
export class UpdateRegionInput {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @IfGiven() @CodeRules() code?: string;
  @Field({ nullable: true }) @IfGiven() @NameRules() name?: string;
  @Field(() => RegionKind, { nullable: true }) kind?: RegionKind;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
}
