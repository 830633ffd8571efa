import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { SYNDICATION } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { Tombstone } from './tombstone.entity';

const MAX_TOMBSTONES = 500;

@Resolver(() => Tombstone)
export class TombstoneResolver {
  @Authorized(SYNDICATION)
  @Query(() => [Tombstone], {
    description:
      'Deletions in the order they happened, for partners to remove their copies: pass the last ' +
      '`sequence` seen as `after` to get only newer ones.',
  })
  async tombstones(
    @Ctx() { loaders }: RequestContext,
    @Arg('after', () => Int, { nullable: true }) after?: number | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<Tombstone[]> {
    const limit = first ?? 100;
    if (limit < 0 || limit > MAX_TOMBSTONES) {
      throw badInput('first', `first must be between 0 and ${MAX_TOMBSTONES}; page on with after.`);
    }
    return loaders.tombstone.after(after ?? 0, limit);
  }
}
