import { IsOptional, IsUrl } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HTTP_URL, IfGiven, rules, MaxCharacters } from '../validation';

const UrlRules = () =>
  rules(
    IsUrl(HTTP_URL, { message: 'url must be an http:// or https:// address of the image file.' }),
    MaxCharacters(2048, { message: 'url must be at most 2048 characters.' }),
  );
const LicenseUrlRules = () =>
  rules(
    IsOptional(),
    IsUrl(HTTP_URL, { message: 'licenseUrl must be an http:// or https:// address of the licence.' }),
    MaxCharacters(2048, { message: 'licenseUrl must be at most 2048 characters.' }),
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
  @Field(() => String, { nullable: true, description: 'IPTC Copyright Owner, e.g. "Getty Images".' })
  @TextRules('copyrightHolder', 200)
  copyrightHolder?: string | null;
  @Field(() => String, { nullable: true, description: 'IPTC Copyright Notice, e.g. "© 2022 Getty Images".' })
  @TextRules('copyrightNotice', 500)
  copyrightNotice?: string | null;
  @Field(() => String, { nullable: true, description: 'IPTC Rights Usage Terms.' })
  @TextRules('usageTerms', 5000)
  usageTerms?: string | null;
  @Field(() => String, { nullable: true, description: 'IPTC Web Statement of Rights: where the licence is.' })
  @LicenseUrlRules()
  licenseUrl?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether partners may republish it; false when left out.' })
  syndicationAllowed?: boolean | null;
}

@InputType({ description: 'Changes to a photo; fields left out keep their value, the others take null to clear.' })
export class UpdatePhotoInput {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @IfGiven() @UrlRules() url?: string;
  @Field(() => String, { nullable: true }) @TextRules('caption', 2000) caption?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('altText', 2000) altText?: string | null;
  @Field(() => ID, { nullable: true }) creditId?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('creditLine', 500) creditLine?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('copyrightHolder', 200) copyrightHolder?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('copyrightNotice', 500) copyrightNotice?: string | null;
  @Field(() => String, { nullable: true }) @TextRules('usageTerms', 5000) usageTerms?: string | null;
  @Field(() => String, { nullable: true }) @LicenseUrlRules() licenseUrl?: string | null;
  @Field(() => Boolean, { nullable: true }) syndicationAllowed?: boolean;
}
