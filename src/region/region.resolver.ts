import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { rowIdOf } from '../node/global-id';
import { Region, RegionKind } from './region.entity';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'One region by id or code; null when there is none.' })
  region(
    @Ctx() { loaders }: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<Region | null> {
    if ((id == null) === (code == null)) throw badInput('id', 'Pass exactly one of id or code.');
    if (id != null) return loaders.region.byId.load(rowIdOf(id, 'Region', 'id'));
    return loaders.region.byCode.load(code!);
  }

  @Query(() => [Region], { description: 'Every region, or every region of one kind, by name.' })
  regions(
    @Ctx() { loaders }: RequestContext,
    @Arg('kind', () => RegionKind, { nullable: true }) kind?: RegionKind | null,
  ): Promise<Region[]> {
    return loaders.region.all(kind ?? null);
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() region: Region, @Ctx() { loaders }: RequestContext): Promise<Region | null> | null {
    return region.parentId === null ? null : loaders.region.byId.load(region.parentId);
  }

  @FieldResolver(() => [Region], { description: 'Regions directly inside this one, by name.' })
  children(@Root() region: Region, @Ctx() { loaders }: RequestContext): Promise<Region[]> {
    return loaders.region.children.load(region.rowId);
  }

  @FieldResolver(() => [Region], { description: 'Every region above this one, nearest first.' })
  ancestors(@Root() region: Region, @Ctx() { loaders }: RequestContext): Promise<Region[]> {
    return loaders.region.ancestors.load(region.rowId);
  }
}
