import { JSONResolver } from 'graphql-scalars';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import type { RequestContext } from '../context';
import { articleNinjs } from './article-ninjs';

@Resolver(() => Article)
export class ArticleNinjsResolver {
  @FieldResolver(() => JSONResolver, {
    description:
      'The article as IPTC ninjs 3.1 (News in JSON), for syndication: photos as associations with their rights, ' +
      'regions as subjects and places, corrections and fact-checks as descriptions (roles correction, factCheck, ' +
      'claimReview). A partner receives only the photos it may republish.',
  })
  ninjs(@Root() article: Article, @Ctx() context: RequestContext): Promise<Record<string, unknown>> {
    return articleNinjs(article, context);
  }
}
