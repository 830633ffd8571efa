import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { EditKind } from '../db/edits';
import type { Tx } from '../db/transaction';
import { assertExisting, assertUnique, given } from '../db/write-checks';
import { badInput, DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { RegionClosure } from './region-closure.entity';
import { addToClosure, moveInClosure } from './region-closure.writes';
import { Region } from './region.entity';
import { CreateRegionInput, UpdateRegionInput } from './region.input';

const UNIQUE = { 'region.code': 'input.code' };

@Resolver()
export class RegionMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => Region)
  async createRegion(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateRegionInput) input: CreateRegionInput,
  ): Promise<Region> {
    checkInput(input, 'input');
    const parentId = parentOf(input) ?? null;
    const region = await context.writes.run(async (tx, now) => {
      await assertCodeFree(tx, input.code, null);
      await assertExisting(tx, Region, 'Region', parentId === null ? [] : [parentId], 'input.parentId');
      const created = await tx.insertRow(Region, {
        ...fields(input, parentId),
        parentId,
        createdAt: now,
        updatedAt: now,
      });
      await addToClosure(tx, [created.rowId]);
      // The parent has one more child: what it shows (Region.children) changed.
      if (parentId !== null) tx.edited('Region', parentId, EditKind.UPDATED);
      return created;
    }, UNIQUE);
    return remember(context, region);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Region, { description: 'Changes a region; a move that would put it below itself is refused.' })
  async updateRegion(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateRegionInput) input: UpdateRegionInput,
  ): Promise<Region> {
    const rowId = rowIdOf(input.id, 'Region', 'input.id');
    rejectNulls(input, ['code', 'name', 'kind'], 'input');
    checkInput(input, 'input');
    const parentId = parentOf(input);
    const region = await context.writes.run(async (tx, now) => {
      if (input.code !== undefined) await assertCodeFree(tx, input.code, rowId);
      if (parentId != null) await assertNotBelow(tx, rowId, parentId);
      const before = await tx.manager.findOne(Region, { select: { rowId: true, parentId: true }, where: { rowId } });
      if (!before) throw new DomainError(ErrorCode.NotFound, `Region "${input.id}" does not exist.`, 'input.id');
      await tx.manager.update(Region, { rowId }, { ...fields(input, parentId), updatedAt: now });
      tx.edited('Region', rowId, EditKind.UPDATED);
      // A move changes the children of the parent it leaves and of the one it joins.
      if (parentId !== undefined && parentId !== before.parentId) {
        await moveInClosure(tx, rowId, parentId);
        for (const parent of [before.parentId, parentId])
          if (parent !== null) tx.edited('Region', parent, EditKind.UPDATED);
      }
      return tx.manager.findOneByOrFail(Region, { rowId });
    }, UNIQUE);
    return remember(context, region);
  }
}

const parentOf = (input: CreateRegionInput | UpdateRegionInput): number | null | undefined =>
  input.parentId == null ? input.parentId : rowIdOf(input.parentId, 'Region', 'input.parentId');

const fields = (input: CreateRegionInput | UpdateRegionInput, parentId: number | null | undefined) =>
  given({ code: input.code, name: input.name?.trim(), kind: input.kind, parentId });

const assertCodeFree = (tx: Tx, code: string, exceptRowId: number | null) =>
  assertUnique(tx, Region, 'code', code, exceptRowId, 'input.code', 'region');

/**
 * Refuses a parent that is the region itself or lies below it: the tree would become a loop. On
 * PostgreSQL, moves are serialised by a table lock (readers are not blocked), because two moves
 * that each look fine alone (A under B, B under A) could otherwise both commit.
 */
async function assertNotBelow(tx: Tx, rowId: number, parentId: number): Promise<void> {
  await tx.serializeWritesTo(Region);
  await assertExisting(tx, Region, 'Region', [parentId], 'input.parentId');
  const below = await tx.manager.existsBy(RegionClosure, { ancestorId: rowId, descendantId: parentId });
  if (below) {
    throw badInput(
      'input.parentId',
      parentId === rowId
        ? 'A region cannot be its own parent; choose the region directly above it.'
        : 'That parent lies below this region, which would make the region its own ancestor; choose a region above it.',
    );
  }
}

/** A move changes the ancestors and children of many regions: those caches are dropped whole. */
function remember(context: RequestContext, region: Region): Region {
  const loaders = context.loaders.region;
  loaders.byId.clearAll().prime(region.rowId, region);
  loaders.byCode.clearAll().prime(region.code, region);
  loaders.children.clearAll();
  loaders.ancestors.clearAll();
  return region;
}
