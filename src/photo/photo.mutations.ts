import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { given, insertRow, updateRow, write } from '../db/row-writes';
import type { Tx } from '../db/transaction';
import { assertExisting } from '../db/write-checks';
import { DomainError, ErrorCode } from '../errors';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { Photo } from './photo.entity';
import { CreatePhotoInput, UpdatePhotoInput } from './photo.input';
import { PHOTO_COLUMNS, PhotoRow, toPhoto } from './photo.sql';

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
    const row = await write(context.db, async (tx, now) => {
      await assertCredit(tx, creditId ?? null);
      return insertRow<PhotoRow>(tx, 'photo', columns(input, creditId), now, PHOTO_COLUMNS);
    });
    return remember(context, row);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Photo, { description: 'Changes a photo; fields left out keep their value.' })
  async updatePhoto(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdatePhotoInput) input: UpdatePhotoInput,
  ): Promise<Photo> {
    const rowId = rowIdOf(input.id, 'Photo', 'input.id');
    rejectNulls(input, ['url'], 'input');
    checkInput(input, 'input');
    const creditId = creditOf(input);
    const row = await write(context.db, async (tx, now) => {
      await assertCredit(tx, creditId ?? null);
      const row = await updateRow<PhotoRow>(tx, 'photo', rowId, columns(input, creditId), now, PHOTO_COLUMNS);
      if (!row) throw new DomainError(ErrorCode.NotFound, `Photo "${input.id}" does not exist.`, 'input.id');
      return row;
    });
    return remember(context, row);
  }
}

/** The credited source's row id; undefined (left out) and null (no credit) pass through. */
const creditOf = (input: CreatePhotoInput | UpdatePhotoInput): number | null | undefined =>
  input.creditId == null ? input.creditId : rowIdOf(input.creditId, 'Source', 'input.creditId');

const columns = (input: CreatePhotoInput | UpdatePhotoInput, creditId: number | null | undefined) =>
  given({
    url: input.url,
    caption: input.caption,
    alt_text: input.altText,
    credit_id: creditId,
    credit_line: input.creditLine,
  });

const assertCredit = (tx: Tx, creditId: number | null): Promise<void> =>
  assertExisting(tx, 'source', 'Source', creditId === null ? [] : [creditId], 'input.creditId');

function remember(context: RequestContext, row: PhotoRow): Photo {
  const photo = toPhoto(row);
  context.loaders.photo.byId.clear(photo.rowId).prime(photo.rowId, photo);
  return photo;
}
