import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { EditKind } from '../db/edits';
import type { Tx } from '../db/transaction';
import { assertExisting, given } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { Photo } from './photo.entity';
import { CreatePhotoInput, UpdatePhotoInput } from './photo.input';
import { Source } from '../source/source.entity';

@Resolver()
export class PhotoMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => Photo)
  async createPhoto(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreatePhotoInput) input: CreatePhotoInput,
  ): Promise<Photo> {
    checkInput(input, 'input');
    const creditId = creditOf(input);
    const photo = await context.writes.run(async (tx, now) => {
      await assertCredit(tx, creditId ?? null);
      return tx.insertRow(Photo, {
        caption: null,
        altText: null,
        creditId: null,
        creditLine: null,
        copyrightHolder: null,
        copyrightNotice: null,
        usageTerms: null,
        licenseUrl: null,
        ...fields(input, creditId),
        syndicationAllowed: input.syndicationAllowed ?? false,
        createdAt: now,
        updatedAt: now,
      });
    });
    return remember(context, photo);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Photo, { description: 'Changes a photo; fields left out keep their value.' })
  async updatePhoto(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdatePhotoInput) input: UpdatePhotoInput,
  ): Promise<Photo> {
    const rowId = rowIdOf(input.id, 'Photo', 'input.id');
    rejectNulls(input, ['url', 'syndicationAllowed'], 'input');
    checkInput(input, 'input');
    const creditId = creditOf(input);
    const photo = await context.writes.run(async (tx, now) => {
      await assertCredit(tx, creditId ?? null);
      const { affected } = await tx.manager.update(Photo, { rowId }, { ...fields(input, creditId), updatedAt: now });
      if (affected === 0) throw new DomainError(ErrorCode.NotFound, `Photo "${input.id}" does not exist.`, 'input.id');
      tx.edited('Photo', rowId, EditKind.UPDATED);
      return tx.manager.findOneByOrFail(Photo, { rowId });
    });
    return remember(context, photo);
  }
}

/** The credited source's row id; undefined (left out) and null (no credit) pass through. */
const creditOf = (input: CreatePhotoInput | UpdatePhotoInput): number | null | undefined =>
  input.creditId == null ? input.creditId : rowIdOf(input.creditId, 'Source', 'input.creditId');

const fields = (input: CreatePhotoInput | UpdatePhotoInput, creditId: number | null | undefined) =>
  given({
    url: input.url,
    caption: input.caption,
    altText: input.altText,
    creditId,
    creditLine: input.creditLine,
    copyrightHolder: input.copyrightHolder,
    copyrightNotice: input.copyrightNotice,
    usageTerms: input.usageTerms,
    licenseUrl: input.licenseUrl,
    syndicationAllowed: input.syndicationAllowed ?? undefined,
  });

const assertCredit = (tx: Tx, creditId: number | null): Promise<void> =>
  assertExisting(tx, Source, 'Source', creditId === null ? [] : [creditId], 'input.creditId');

function remember(context: RequestContext, photo: Photo): Photo {
  context.loaders.photo.byId.clear(photo.rowId).prime(photo.rowId, photo);
  return photo;
}
