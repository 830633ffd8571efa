import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { NEWSROOM } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import type { Tx } from '../db/transaction';
import { rowIdOf, toGlobalId } from '../node/global-id';
import { checkInput, rejectNulls } from '../validation';
import { linkIdsOf } from './article-links.writes';
import { Article, ArticleStatus } from './article.entity';
import { CreateArticleInput, NOT_NULL_ON_UPDATE, UpdateArticleInput } from './article.input';
import * as writes from './article.writes';

/** Editorial writes. Each is one transaction; each returns the article as written. */
@Resolver()
export class ArticleMutations {
  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: 'Creates a DRAFT; publish it with publishArticle.' })
  async createArticle(
    @Ctx() context: RequestContext,
    @Arg('input', () => CreateArticleInput) input: CreateArticleInput,
  ): Promise<Article> {
    checkInput(input, 'input');
    const links = linkIdsOf(input, 'input');
    const article = await write(context, (tx, now) =>
      writes.insertArticle(tx, { ...input, byline: input.byline ?? [] }, links, now),
    );
    return remember(context, article);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: 'Changes an article still at `input.version`; otherwise CONFLICT.' })
  async updateArticle(
    @Ctx() context: RequestContext,
    @Arg('input', () => UpdateArticleInput) input: UpdateArticleInput,
  ): Promise<Article> {
    const rowId = rowIdOf(input.id, 'Article', 'input.id');
    rejectNulls(input, NOT_NULL_ON_UPDATE, 'input');
    checkInput(input, 'input');
    const links = linkIdsOf(input, 'input');
    const { id: _id, version, sourceIds: _s, photoIds: _p, regionIds: _r, ...changes } = input;
    const { article, formerSlug } = await write(context, (tx, now) =>
      writes.updateArticle(tx, rowId, version, changes, links, now),
    );
    return remember(context, article, formerSlug);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: 'Makes an article public; the first publication date is kept.' })
  publishArticle(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Article> {
    return this.moveTo(context, id, ArticleStatus.PUBLISHED);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: 'Takes an article back to DRAFT; only the newsroom sees it then.' })
  unpublishArticle(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Article> {
    return this.moveTo(context, id, ArticleStatus.DRAFT);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => Article, { description: 'Withdraws an article from the public lists but keeps it whole.' })
  archiveArticle(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<Article> {
    return this.moveTo(context, id, ArticleStatus.ARCHIVED);
  }

  @Authorized(NEWSROOM)
  @Mutation(() => ID, { description: 'Soft delete: hidden from the public, a tombstone is left for partners.' })
  async deleteArticle(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<string> {
    const rowId = rowIdOf(id, 'Article', 'id');
    await write(context, (tx, now) => writes.deleteArticle(tx, rowId, now));
    forget(context, rowId);
    return toGlobalId('Article', rowId);
  }

  private async moveTo(context: RequestContext, id: string, status: ArticleStatus): Promise<Article> {
    const rowId = rowIdOf(id, 'Article', 'id');
    const article = await write(context, (tx, now) => writes.setStatus(tx, rowId, status, now));
    return remember(context, article);
  }
}

const write = <T>(context: RequestContext, work: (tx: Tx, now: Date) => Promise<T>): Promise<T> =>
  context.writes.run(work, { 'article.slug': 'input.slug' });

/** Drops what this request's loaders cached about the article, so later fields read the write. */
export function forget(context: RequestContext, rowId: number, ...slugs: string[]): void {
  const loaders = context.loaders.article;
  loaders.byId.clear(rowId);
  for (const slug of slugs) loaders.bySlug.clear(slug);
  loaders.citations.clear(rowId);
  loaders.photos.clear(rowId);
  loaders.regions.clear(rowId);
}

/**
 * Primes the loaders with the committed row. Only the newsroom gets here (NEWSROOM), and its
 * loaders see every state, so the primed article is one these loaders would have read anyway.
 */
export function remember(context: RequestContext, article: Article, formerSlug?: string): Article {
  forget(context, article.rowId, ...(formerSlug ? [formerSlug] : []), article.slug);
  context.loaders.article.byId.prime(article.rowId, article);
  context.loaders.article.bySlug.prime(article.slug, article);
  return article;
}
