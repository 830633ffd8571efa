import { IsOptional, IsUrl } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HTTP_URL, IfGiven, rules, MaxCharacters } from '../validation';

const UrlRules = () =>
  rules(
    IsUrl(HTTP_URL, { message: 'url must be an http:// or https:// address of the image file.' }),
    MaxCharacters(2048, { message: 'url must be at most 2048 characters.' }),
  );
const TextRules = (field: string, max: number) =>
  rules(IsOptional(), MaxCharacters(max, { message: `${field} must be at most ${max} characters.` }));

@InputType({ description: 'A new photo; attach it to articles with photoIds.' })
export class CreatePhotoInput {
  @Field() @UrlRules() url: string;
  @Field(() => String, { nullable: true }) @TextRules('caption', 2000) caption?: string | null;
  @Field(() => String, { nullable: true, description: 'What the photo shows, for screen readers.' })
  @TextRules('altText', 2000)
  altText?: string | null;
  @Field(() => ID, { nullable: true, description: 'The Source credited.' }) creditId?: string | null;
  @Field(() => String, { nullable: true, description: 'The credit as printed, e.g. "Photo source: TASS".' })
  @TextRules('creditLine', 500)
  creditLine?: string | null;
}

@InputType({ description: 'Changes to a photo; fields left out keep their value, the others take null to clear.' })
export class UpdatePhotoInput {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @IfGiven() @UrlRules() url?: string;
  @Field(() => String, { nullable: true }) @TextRules('caption', 2000) caption?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('altText', 2000) altText?: string | null;
  @Field(() => ID, { nullable: true }) creditId?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('creditLine', 500) creditLine?: string | null;
}
