import { Between, FindOptionsWhere } from 'typeorm';
import type { Article } from '../article/article.entity';
import { touchArticle } from '../article/article.writes';
import type { Tx } from '../db/transaction';
import { given } from '../db/write-checks';
import { badInput, DomainError, ErrorCode } from '../errors';
import { PartTypeName, toGlobalId } from '../node/global-id';
import { Correction } from './correction.entity';
import { FactCheck } from './fact-check.entity';
import { ClaimantKind } from './fact-check-rating';
import { MAX_CORRECTIONS, MAX_FACT_CHECKS } from './fact-check.input';

/**
 * The writes behind the fact-check and correction mutations, each inside the caller's transaction.
 * Each first makes a new version of the article (touchArticle: the CONFLICT check, the change feed's
 * UPDATED), then changes the part, and returns the article as written.
 */

export type FactCheckFields = Omit<
  FactCheck,
  'rowId' | 'id' | 'articleId' | 'article' | 'position' | 'createdAt' | 'updatedAt'
>;
export type CorrectionFields = Pick<Correction, 'text' | 'correctedAt'>;

export async function addFactCheck(
  tx: Tx,
  articleId: number,
  version: number,
  fields: Partial<FactCheckFields> & Pick<FactCheckFields, 'claim' | 'claimantName' | 'rating'>,
  position: number | undefined,
  now: Date,
): Promise<Article> {
  const article = await touchArticle(tx, articleId, version, now, 'input.articleId');
  const count = await tx.manager.countBy(FactCheck, { articleId });
  if (count >= MAX_FACT_CHECKS) {
    throw badInput('input.articleId', `An article has at most ${MAX_FACT_CHECKS} fact-checks; remove one first.`);
  }
  const at = placeAt(position, count + 1);
  await shift(tx, articleId, at, count, +1);
  await tx.insertRow(FactCheck, {
    claimantKind: ClaimantKind.PERSON,
    claimantUrl: null,
    appearanceUrl: null,
    appearedAt: null,
    ratingExplanation: null,
    ...given(fields),
    articleId,
    position: at,
    createdAt: now,
    updatedAt: now,
  });
  return article;
}

export async function updateFactCheck(
  tx: Tx,
  rowId: number,
  version: number,
  changes: Partial<FactCheckFields>,
  position: number | undefined,
  now: Date,
): Promise<Article> {
  const current = await existing(tx, FactCheck, 'FactCheck', rowId, 'input.id');
  const article = await touchArticle(tx, current.articleId, version, now, 'input.id');
  let moved = {};
  if (position !== undefined && position !== current.position) {
    const count = await tx.manager.countBy(FactCheck, { articleId: current.articleId });
    const to = placeAt(position, count);
    // The ones between the old place and the new close the gap it leaves and open the one it takes.
    if (to < current.position) await shift(tx, current.articleId, to, current.position - 1, +1);
    else await shift(tx, current.articleId, current.position + 1, to, -1);
    moved = { position: to };
  }
  await tx.manager.update(FactCheck, { rowId }, { ...given(changes), ...moved, updatedAt: now });
  return article;
}

export async function removeFactCheck(tx: Tx, rowId: number, version: number, now: Date): Promise<Article> {
  const current = await existing(tx, FactCheck, 'FactCheck', rowId, 'id');
  const article = await touchArticle(tx, current.articleId, version, now, 'id');
  await tx.manager.delete(FactCheck, { rowId });
  const count = await tx.manager.countBy(FactCheck, { articleId: current.articleId });
  await shift(tx, current.articleId, current.position + 1, count + 1, -1);
  return article;
}

export async function addCorrection(
  tx: Tx,
  articleId: number,
  version: number,
  fields: CorrectionFields,
  now: Date,
): Promise<Article> {
  const article = await touchArticle(tx, articleId, version, now, 'input.articleId');
  if ((await tx.manager.countBy(Correction, { articleId })) >= MAX_CORRECTIONS) {
    throw badInput('input.articleId', `An article has at most ${MAX_CORRECTIONS} corrections; edit one instead.`);
  }
  await tx.insertRow(Correction, { ...fields, articleId });
  return article;
}

export async function updateCorrection(
  tx: Tx,
  rowId: number,
  version: number,
  changes: Partial<CorrectionFields>,
  now: Date,
): Promise<Article> {
  const current = await existing(tx, Correction, 'Correction', rowId, 'input.id');
  const article = await touchArticle(tx, current.articleId, version, now, 'input.id');
  const values = given(changes);
  if (Object.keys(values).length) await tx.manager.update(Correction, { rowId }, values);
  return article;
}

export async function removeCorrection(tx: Tx, rowId: number, version: number, now: Date): Promise<Article> {
  const current = await existing(tx, Correction, 'Correction', rowId, 'id');
  const article = await touchArticle(tx, current.articleId, version, now, 'id');
  await tx.manager.delete(Correction, { rowId });
  return article;
}

/** The part as it is now; a missing one is NOT_FOUND (its deleted article is, in touchArticle). */
async function existing<T extends FactCheck | Correction>(
  tx: Tx,
  target: new () => T,
  type: PartTypeName,
  rowId: number,
  field: string,
): Promise<T> {
  const row = await tx.manager.findOneBy(target, { rowId } as FindOptionsWhere<T>);
  if (!row) throw new DomainError(ErrorCode.NotFound, `${type} "${toGlobalId(type, rowId)}" does not exist.`, field);
  return row;
}

/** The place asked for (1 to `last`), or `last` when none was. */
function placeAt(position: number | undefined, last: number): number {
  if (position === undefined) return last;
  if (position > last) {
    throw badInput('input.position', `position must be from 1 to ${last} here (the last place); give a smaller one.`);
  }
  return position;
}

/** Moves the article's fact-checks at positions `from` to `to` by `by` places. */
async function shift(tx: Tx, articleId: number, from: number, to: number, by: 1 | -1): Promise<void> {
  if (from > to) return;
  await tx.manager
    .createQueryBuilder()
    .update(FactCheck)
    .set({ position: () => `position ${by > 0 ? '+' : '-'} 1` })
    .where({ articleId, position: Between(from, to) })
    .execute();
}
