import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { rowIdOf } from '../node/global-id';
import { Source } from '../source/source.entity';
import { Photo } from './photo.entity';

@Resolver(() => Photo)
export class PhotoResolver {
  @Query(() => Photo, { nullable: true })
  photo(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Photo | null> {
    return loaders.photo.byId.load(rowIdOf(id, 'Photo', 'id'));
  }

  @FieldResolver(() => Source, { nullable: true, description: 'The "Photo source:"; null where the page gives none.' })
  credit(@Root() photo: Photo, @Ctx() { loaders }: RequestContext): Promise<Source | null> | null {
    return photo.creditId === null ? null : loaders.source.byId.load(photo.creditId);
  }
}
