import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Article } from '../article/article.entity';
import { config } from '../config';
import type { RequestContext } from '../context';
import { claimReviewGraph, scriptSafeJson } from './claim-review';
import { Correction } from './correction.entity';
import { FactCheck } from './fact-check.entity';
import { RATING_SCALE } from './fact-check-rating';

@Resolver(() => Article)
export class ArticleFactChecksResolver {
  @FieldResolver(() => [FactCheck], { description: 'Claims the article checks, in the article’s order.' })
  factChecks(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<FactCheck[]> {
    return loaders.factCheck.byArticle.load(article.rowId);
  }

  @FieldResolver(() => [Correction], { description: 'Corrections of the article, oldest first.' })
  corrections(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<Correction[]> {
    return loaders.factCheck.corrections.load(article.rowId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The fact-checks as schema.org ClaimReview JSON-LD (an @graph), for the article page: put the text between ' +
      '<script type="application/ld+json"> and </script> as it is (<, > and & are escaped in it). Null when the ' +
      'article checks no claim.',
  })
  async claimReviewJsonLd(@Root() article: Article, @Ctx() { loaders }: RequestContext): Promise<string | null> {
    const graph = claimReviewGraph(
      article,
      await loaders.factCheck.byArticle.load(article.rowId),
      config.publicSiteUrl,
    );
    return graph && scriptSafeJson(graph);
  }
}

@Resolver(() => FactCheck)
export class FactCheckResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The rating as a number, from 1 (FALSE) to 5 (TRUE), as schema.org ratingValue; null for UNPROVEN.',
  })
  ratingValue(@Root() factCheck: FactCheck): number | null {
    return RATING_SCALE[factCheck.rating].value;
  }

  @FieldResolver(() => String, { description: 'The rating as printed, e.g. "Mostly false".' })
  ratingLabel(@Root() factCheck: FactCheck): string {
    return RATING_SCALE[factCheck.rating].label;
  }
}
