import type { Article } from '../article/article.entity';
import type { FactCheck } from './fact-check.entity';
import { BEST_RATING, ClaimantKind, RATING_SCALE, WORST_RATING } from './fact-check-rating';

/**
 * An article's fact-checks as schema.org ClaimReview JSON-LD, one review per claim in a @graph, as
 * search engines read fact-checks from the article's page: the claim (claimReviewed), the Claim
 * with who made it and where it appeared, the verdict as a Rating on the 1–5 scale with its name,
 * and the publisher as the review's author. Null when the article checks no claim.
 */
export function claimReviewGraph(
  article: Article,
  factChecks: readonly FactCheck[],
  siteUrl: string,
): Record<string, unknown> | null {
  if (factChecks.length === 0) return null;
  const url = `${siteUrl}/articles/${encodeURIComponent(article.slug)}`;
  const publisher = { '@type': 'Organization', name: new URL(siteUrl).hostname, url: siteUrl };
  const published = article.publishedAt ?? article.createdAt;
  return {
    '@context': 'https://schema.org',
    '@graph': factChecks.map((factCheck) => {
      const { value, label } = RATING_SCALE[factCheck.rating];
      const appearedAt = factCheck.appearedAt?.toISOString();
      return withoutEmpty({
        '@type': 'ClaimReview',
        url,
        claimReviewed: factCheck.claim,
        itemReviewed: withoutEmpty({
          '@type': 'Claim',
          author: withoutEmpty({
            '@type': factCheck.claimantKind === ClaimantKind.ORGANIZATION ? 'Organization' : 'Person',
            name: factCheck.claimantName,
            sameAs: factCheck.claimantUrl ?? undefined,
          }),
          datePublished: appearedAt,
          appearance: factCheck.appearanceUrl
            ? withoutEmpty({ '@type': 'CreativeWork', url: factCheck.appearanceUrl, datePublished: appearedAt })
            : undefined,
        }),
        author: publisher,
        reviewRating: withoutEmpty({
          '@type': 'Rating',
          ratingValue: value ?? undefined,
          bestRating: BEST_RATING,
          worstRating: WORST_RATING,
          alternateName: label,
          ratingExplanation: factCheck.ratingExplanation ?? undefined,
        }),
        // A review added after the article went out was published when it was added.
        datePublished: new Date(Math.max(published.getTime(), factCheck.createdAt.getTime())).toISOString(),
      });
    }),
  };
}

/**
 * JSON text to put between `<script type="application/ld+json">` and `</script>` as it is: `<`,
 * `>` and `&` are written as JSON escapes (the same string to a JSON reader), so no claim can close
 * the script or open a comment, and U+2028/U+2029 too, which some JavaScript readers take as ends
 * of lines.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function withoutEmpty<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
