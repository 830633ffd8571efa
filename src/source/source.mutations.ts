import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { given, insertRow, updateRow, write } from '../db/row-writes';
import type { Tx } from '../db/transaction';
import { assertExisting, assertUnique } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { Source } from './source.entity';
import { CreateSourceInput, SOURCE_NOT_NULL_ON_UPDATE, UpdateSourceInput } from './source.input';
import { SOURCE_COLUMNS, SourceRow, toSource } from './source.sql';

const SLUG = { table: 'source', column: 'slug', what: 'source' };
const UNIQUE = { 'source.slug': 'input.slug' };

@Resolver()
export class SourceMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => Source)
  async createSource(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateSourceInput) input: CreateSourceInput,
  ): Promise<Source> {
    checkInput(input, 'input');
    const countryId = input.countryId == null ? null : rowIdOf(input.countryId, 'Region', 'input.countryId');
    const row = await write(
      context.db,
      async (tx, now) => {
        await assertUnique(tx, SLUG, input.slug, null, 'input.slug');
        await assertCountry(tx, countryId);
        const values = given({ ...columns(input), country_id: countryId });
        return insertRow<SourceRow>(tx, 'source', values, now, SOURCE_COLUMNS);
      },
      UNIQUE,
    );
    return remember(context, row);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Source, { description: 'Changes a source; fields left out keep their value.' })
  async updateSource(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateSourceInput) input: UpdateSourceInput,
  ): Promise<Source> {
    const rowId = rowIdOf(input.id, 'Source', 'input.id');
    rejectNulls(input, SOURCE_NOT_NULL_ON_UPDATE, 'input');
    checkInput(input, 'input');
    const countryId = input.countryId == null ? input.countryId : rowIdOf(input.countryId, 'Region', 'input.countryId');
    const { row, formerSlug } = await write(
      context.db,
      async (tx, now) => {
        const [current] = await tx.query<{ slug: string }>('SELECT slug FROM source WHERE id = :rowId', { rowId });
        if (!current) throw new DomainError(ErrorCode.NotFound, `Source "${input.id}" does not exist.`, 'input.id');
        if (input.slug !== undefined) await assertUnique(tx, SLUG, input.slug, rowId, 'input.slug');
        await assertCountry(tx, countryId ?? null);
        const values = given({ ...columns(input), country_id: countryId });
        const row = await updateRow<SourceRow>(tx, 'source', rowId, values, now, SOURCE_COLUMNS);
        return { row: row!, formerSlug: current.slug };
      },
      UNIQUE,
    );
    return remember(context, row, formerSlug);
  }
}

function columns(input: CreateSourceInput | UpdateSourceInput): Record<string, unknown> {
  return {
    slug: input.slug,
    name: input.name?.trim(),
    kind: input.kind,
    url: input.url,
    state_affiliated: input.stateAffiliated,
  };
}

const assertCountry = (tx: Tx, countryId: number | null): Promise<void> =>
  assertExisting(tx, 'region', 'Region', countryId === null ? [] : [countryId], 'input.countryId');

function remember(context: RequestContext, row: SourceRow, formerSlug?: string): Source {
  const source = toSource(context.db, row);
  const loaders = context.loaders.source;
  if (formerSlug) loaders.bySlug.clear(formerSlug);
  loaders.byId.clear(source.rowId).prime(source.rowId, source);
  loaders.bySlug.clear(source.slug).prime(source.slug, source);
  return source;
}
