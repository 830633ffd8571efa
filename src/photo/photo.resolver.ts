import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { rowIdOf } from '../node/global-id';
import { Source } from '../source/source.entity';
import { Photo } from './photo.entity';
import { PhotoRights } from './photo-rights.type';

@Resolver(() => Photo)
export class PhotoResolver {
  @Query(() => Photo, { nullable: true })
  photo(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Photo | null> {
    return loaders.photo.byId.load(rowIdOf(id, 'Photo', 'id'));
  }

  @FieldResolver(() => PhotoRights, { description: 'Who owns the photo and whether partners may republish it.' })
  rights(@Root() photo: Photo): PhotoRights {
    const { creditLine, copyrightHolder, copyrightNotice, usageTerms, licenseUrl, syndicationAllowed } = photo;
    return { creditLine, copyrightHolder, copyrightNotice, usageTerms, licenseUrl, syndicationAllowed };
  }

  @FieldResolver(() => Source, { nullable: true, description: 'The "Photo source:"; null where the page gives none.' })
  credit(@Root() photo: Photo, @Ctx() { loaders }: RequestContext): Promise<Source | null> | null {
    return photo.creditId === null ? null : loaders.source.byId.load(photo.creditId);
  }
}
