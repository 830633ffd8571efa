import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { EditKind } from '../db/edits';
import type { Tx } from '../db/transaction';
import { assertExisting, assertUnique, given } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { Source } from './source.entity';
import { CreateSourceInput, SOURCE_NOT_NULL_ON_UPDATE, UpdateSourceInput } from './source.input';
import { Region } from '../region/region.entity';

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
    const source = await context.writes.run(async (tx, now) => {
      await assertSlugFree(tx, input.slug, null);
      await assertCountry(tx, countryId);
      return tx.insertRow(Source, {
        url: null,
        stateAffiliated: false,
        ...fields(input),
        countryId,
        createdAt: now,
        updatedAt: now,
      });
    }, UNIQUE);
    return remember(context, source);
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
    const { source, formerSlug } = await context.writes.run(async (tx, now) => {
      const current = await tx.manager.findOne(Source, { select: { rowId: true, slug: true }, where: { rowId } });
      if (!current) throw new DomainError(ErrorCode.NotFound, `Source "${input.id}" does not exist.`, 'input.id');
      if (input.slug !== undefined) await assertSlugFree(tx, input.slug, rowId);
      await assertCountry(tx, countryId ?? null);
      await tx.manager.update(Source, { rowId }, { ...fields(input), ...given({ countryId }), updatedAt: now });
      tx.edited('Source', rowId, EditKind.UPDATED);
      return { source: await tx.manager.findOneByOrFail(Source, { rowId }), formerSlug: current.slug };
    }, UNIQUE);
    return remember(context, source, formerSlug);
  }
}

const fields = (input: CreateSourceInput | UpdateSourceInput) =>
  given({
    slug: input.slug,
    name: input.name?.trim(),
    kind: input.kind,
    url: input.url,
    stateAffiliated: input.stateAffiliated ?? undefined,
  });

const assertSlugFree = (tx: Tx, slug: string, exceptRowId: number | null) =>
  assertUnique(tx, Source, 'slug', slug, exceptRowId, 'input.slug', 'source');

const assertCountry = (tx: Tx, countryId: number | null): Promise<void> =>
  assertExisting(tx, Region, 'Region', countryId === null ? [] : [countryId], 'input.countryId');

function remember(context: RequestContext, source: Source, formerSlug?: string): Source {
  const loaders = context.loaders.source;
  if (formerSlug) loaders.bySlug.clear(formerSlug);
  loaders.byId.clear(source.rowId).prime(source.rowId, source);
  loaders.bySlug.clear(source.slug).prime(source.slug, source);
  return source;
}
