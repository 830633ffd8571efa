import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import { SYNDICATION } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { toGlobalId } from '../node/global-id';
import { causeFor } from './change-cause';
import { ArticleChange } from './article-change.entity';
import { isPublicArticle } from './change-log';
import { decodeChangeToken, FEED_START } from './change-token';

const MAX_CHANGES = 500;
const DEFAULT_CHANGES = 100;

@ObjectType({ description: 'A page of the change feed.' })
export class ChangeFeedPage {
  @Field(() => [ArticleChange], { description: 'In the order the changes committed.' })
  changes: ArticleChange[];

  @Field({ description: 'Pass as `since` for the changes after this page; kept, it resumes where you stopped.' })
  nextToken: string;

  @Field({ description: 'Whether more changes were already waiting when this page was read.' })
  hasMore: boolean;
}

@Resolver(() => ArticleChange)
export class ChangeFeedResolver {
  @Authorized(SYNDICATION)
  @Query(() => ChangeFeedPage, {
    description:
      'Every change of the published set, in commit order: articles published, edited (or changed by an edit of ' +
      'a source, photo or region they show), unpublished, archived and deleted. Apply each change in order (store ' +
      '`article` when there is one, remove your copy when it is null): replayed from the start, the feed leaves ' +
      'you exactly the published articles. Drafts never appear.',
  })
  changes(
    @Ctx() { loaders }: RequestContext,
    @Arg('since', () => String, { nullable: true, description: 'The nextToken of a previous page; none to start.' })
    since?: string | null,
    // A default in the schema, so the gateway's cost limit counts a page left at it (operation-cost.ts).
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_CHANGES, description: `At most ${MAX_CHANGES}.` })
    first?: number | null,
  ): Promise<ChangeFeedPage> {
    const limit = first ?? DEFAULT_CHANGES;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES) {
      throw badInput('first', `first must be between 1 and ${MAX_CHANGES}; page on with since.`);
    }
    const position = since == null ? FEED_START : decodeChangeToken(since, 'since');
    return loaders.changes.page(position, limit, 'since');
  }

  @FieldResolver(() => ID, { description: 'The article that changed (its id also when it is gone).' })
  articleId(@Root() change: ArticleChange): string {
    return toGlobalId('Article', change.articleId);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'The source, photo or region whose edit changed the article; null when the article itself changed.',
  })
  cause(@Root() change: ArticleChange, @Ctx() { loaders, viewer }: RequestContext): Promise<string | null> {
    return causeFor(change, viewer, loaders);
  }

  @FieldResolver(() => Article, {
    nullable: true,
    description:
      'The article as it is now, when it is published: store it. Null when it is no longer published ' +
      '(unpublished, archived or deleted since): remove your copy.',
  })
  async article(@Root() change: ArticleChange, @Ctx() { loaders }: RequestContext): Promise<Article | null> {
    const article = await loaders.article.byId.load(change.articleId);
    return article && isPublicArticle(article) ? article : null;
  }
}
