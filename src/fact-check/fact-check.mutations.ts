import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Article } from '../article/article.entity';
import { remember } from '../article/article.mutations';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import type { Tx } from '../db/transaction';
import { rowIdOf } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import {
  AddCorrectionInput,
  AddFactCheckInput,
  CORRECTION_NOT_NULL,
  FACT_CHECK_NOT_NULL,
  UpdateCorrectionInput,
  UpdateFactCheckInput,
} from './fact-check.input';
import * as writes from './fact-check.writes';

const VERSIONED = 'A new version of the article: send the version you read; a newer one is a CONFLICT.';

/**
 * The newsroom's changes to an article's fact-checks and corrections. Each is one transaction that
 * makes a new version of the article, and returns the article as written.
 */
@Resolver()
export class FactCheckMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Adds a fact-check to an article. ${VERSIONED}` })
  async addFactCheck(
    @Ctx() context: RequestContext,
    @Arg('input', () => AddFactCheckInput) input: AddFactCheckInput,
  ): Promise<Article> {
    const articleId = rowIdOf(input.articleId, 'Article', 'input.articleId');
    checkInput(input, 'input');
    const { articleId: _a, version, position, claimantKind, ...fields } = input;
    // Null and left out both mean the default (a person; the last place).
    const values = { ...fields, claimantKind: claimantKind ?? undefined };
    return written(context, (tx, now) =>
      writes.addFactCheck(tx, articleId, version, values, position ?? undefined, now),
    );
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Changes a fact-check. ${VERSIONED}` })
  async updateFactCheck(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateFactCheckInput) input: UpdateFactCheckInput,
  ): Promise<Article> {
    const rowId = rowIdOf(input.id, 'FactCheck', 'input.id');
    rejectNulls(input, FACT_CHECK_NOT_NULL, 'input');
    checkInput(input, 'input');
    const { id: _id, version, position, ...changes } = input;
    return written(context, (tx, now) => writes.updateFactCheck(tx, rowId, version, changes, position, now));
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Removes a fact-check from its article. ${VERSIONED}` })
  async removeFactCheck(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ): Promise<Article> {
    const rowId = rowIdOf(id, 'FactCheck', 'id');
    return written(context, (tx, now) => writes.removeFactCheck(tx, rowId, version, now));
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Adds a dated correction to an article. ${VERSIONED}` })
  async addCorrection(
    @Ctx() context: RequestContext,
    @Arg('input', () => AddCorrectionInput) input: AddCorrectionInput,
  ): Promise<Article> {
    const articleId = rowIdOf(input.articleId, 'Article', 'input.articleId');
    checkInput(input, 'input');
    return written(context, (tx, now) =>
      writes.addCorrection(
        tx,
        articleId,
        input.version,
        { text: input.text, correctedAt: input.correctedAt ?? now },
        now,
      ),
    );
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Changes a correction. ${VERSIONED}` })
  async updateCorrection(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateCorrectionInput) input: UpdateCorrectionInput,
  ): Promise<Article> {
    const rowId = rowIdOf(input.id, 'Correction', 'input.id');
    rejectNulls(input, CORRECTION_NOT_NULL, 'input');
    checkInput(input, 'input');
    const { id: _id, version, ...changes } = input;
    return written(context, (tx, now) => writes.updateCorrection(tx, rowId, version, changes, now));
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: `Removes a correction from its article. ${VERSIONED}` })
  async removeCorrection(
    @Ctx() context: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ): Promise<Article> {
    const rowId = rowIdOf(id, 'Correction', 'id');
    return written(context, (tx, now) => writes.removeCorrection(tx, rowId, version, now));
  }
}

/** Runs the write, then drops what this request read of the article's parts, and primes the article. */
async function written(context: RequestContext, work: (tx: Tx, now: Date) => Promise<Article>): Promise<Article> {
  const article = await context.writes.run(work);
  context.loaders.factCheck.byArticle.clear(article.rowId);
  context.loaders.factCheck.corrections.clear(article.rowId);
  return remember(context, article);
}
