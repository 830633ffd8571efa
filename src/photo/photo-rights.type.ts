import { URLResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A photo's rights, in the terms of the IPTC photo metadata standard." })
export class PhotoRights {
  @Field(() => String, { nullable: true, description: 'IPTC Credit Line, e.g. "Photo source: TASS".' })
  creditLine: string | null;

  @Field(() => String, { nullable: true, description: 'IPTC Copyright Owner, e.g. "Getty Images".' })
  copyrightHolder: string | null;

  @Field(() => String, { nullable: true, description: 'IPTC Copyright Notice, e.g. "© 2022 Getty Images".' })
  copyrightNotice: string | null;

  @Field(() => String, { nullable: true, description: 'IPTC Rights Usage Terms: what the licence allows.' })
  usageTerms: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'IPTC Web Statement of Rights: where the licence is.' })
  licenseUrl: string | null;

  @Field({ description: 'Whether syndication partners may republish the photo; partners never see one that may not.' })
  syndicationAllowed: boolean;
}

@ObjectType({ description: 'Photos of an article left out of this answer, and why.' })
export class WithheldPhotos {
  @Field(() => Int)
  count: number;

  @Field()
  reason: string;
}

/** Why a partner's answer lacks some of an article's photos. */
export const NOT_SYNDICABLE =
  'Their licence does not allow syndication (Photo.rights.syndicationAllowed); ask the newsroom for other pictures.';
