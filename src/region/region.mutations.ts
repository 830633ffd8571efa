import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { given, insertRow, updateRow, write } from '../db/row-writes';
import type { Tx } from '../db/transaction';
import { assertExisting, assertUnique } from '../db/write-checks';
import { badInput, DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { Region } from './region.entity';
import { CreateRegionInput, UpdateRegionInput } from './region.input';
import { REGION_COLUMNS, RegionRow, toRegion } from './region.sql';

const CODE = { table: 'region', column: 'code', what: 'region' };
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
    const row = await write(
      context.db,
      async (tx, now) => {
        await assertUnique(tx, CODE, input.code, null, 'input.code');
        await assertExisting(tx, 'region', 'Region', parentId === null ? [] : [parentId], 'input.parentId');
        return insertRow<RegionRow>(tx, 'region', columns(input, parentId), now, REGION_COLUMNS);
      },
      UNIQUE,
    );
    return remember(context, row);
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
    const row = await write(
      context.db,
      async (tx, now) => {
        if (input.code !== undefined) await assertUnique(tx, CODE, input.code, rowId, 'input.code');
        if (parentId != null) await assertNotBelow(tx, rowId, parentId);
        const row = await updateRow<RegionRow>(tx, 'region', rowId, columns(input, parentId), now, REGION_COLUMNS);
        if (!row) throw new DomainError(ErrorCode.NotFound, `Region "${input.id}" does not exist.`, 'input.id');
        return row;
      },
      UNIQUE,
    );
    return remember(context, row);
  }
}

const parentOf = (input: CreateRegionInput | UpdateRegionInput): number | null | undefined =>
  input.parentId == null ? input.parentId : rowIdOf(input.parentId, 'Region', 'input.parentId');

const columns = (input: CreateRegionInput | UpdateRegionInput, parentId: number | null | undefined) =>
  given({ code: input.code, name: input.name?.trim(), kind: input.kind, parent_id: parentId });

/**
 * Refuses a parent that is the region itself or lies below it: the tree would become a loop. On
 * PostgreSQL, moves are serialised by a table lock (readers are not blocked), because two moves
 * that each look fine alone (A under B, B under A) could otherwise both commit.
 */
async function assertNotBelow(tx: Tx, rowId: number, parentId: number): Promise<void> {
  if (tx.kind === 'postgres') await tx.query('LOCK TABLE region IN SHARE ROW EXCLUSIVE MODE');
  await assertExisting(tx, 'region', 'Region', [parentId], 'input.parentId');
  const [loop] = await tx.query(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT CAST(:parentId AS integer), 0
       UNION ALL
       SELECT r.parent_id, up.depth + 1 FROM region r JOIN up ON r.id = up.id
       WHERE r.parent_id IS NOT NULL AND up.depth < 64
     )
     SELECT id FROM up WHERE id = :rowId`,
    { parentId, rowId },
  );
  if (loop) {
    throw badInput(
      'input.parentId',
      parentId === rowId
        ? 'A region cannot be its own parent; choose the region directly above it.'
        : 'That parent lies below this region, which would make the region its own ancestor; choose a region above it.',
    );
  }
}

/** A move changes the ancestors and children of many regions: those caches are dropped whole. */
function remember(context: RequestContext, row: RegionRow): Region {
  const region = toRegion(row);
  const loaders = context.loaders.region;
  loaders.byId.clearAll().prime(region.rowId, region);
  loaders.byCode.clearAll().prime(region.code, region);
  loaders.children.clearAll();
  loaders.ancestors.clearAll();
  return region;
}
