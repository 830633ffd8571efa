import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { rowIdOf } from '../node/global-id';
import { Region } from '../region/region.entity';
import { Source } from './source.entity';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'One source by id or slug; null when there is none.' })
  source(
    @Ctx() { loaders }: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ): Promise<Source | null> {
    if ((id == null) === (slug == null)) throw badInput('id', 'Pass exactly one of id or slug.');
    if (id != null) return loaders.source.byId.load(rowIdOf(id, 'Source', 'id'));
    return loaders.source.bySlug.load(slug!);
  }

  @Query(() => [Source], { description: 'Every source, by name.' })
  sources(@Ctx() { loaders }: RequestContext): Promise<Source[]> {
    return loaders.source.all();
  }

  @FieldResolver(() => Region, { nullable: true })
  country(@Root() source: Source, @Ctx() { loaders }: RequestContext): Promise<Region | null> | null {
    return source.countryId === null ? null : loaders.region.byId.load(source.countryId);
  }
}
