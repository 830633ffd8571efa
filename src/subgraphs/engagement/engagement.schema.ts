import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLSchema, parse } from 'graphql';
import type { ArticleStats, EngagementStore } from './engagement.store';

/**
 * Written SDL-first with @apollo/subgraph, as a partner team without type-graphql would: the
 * content service owns Article and Region; this service adds fields to them through entity stubs
 * keyed by what it knows (slug, code). Its fields are nullable so that when this service is down
 * the gateway still answers the content fields, with an error naming "engagement".
 */
export const engagementTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

  type Article @key(fields: "slug") {
    slug: String!
    body: String! @external
    "Audience numbers; null only when the engagement service does not answer."
    engagement: ArticleEngagement
    "Minutes to read the body at 230 words a minute. The body comes from the content service (@requires)."
    readingTimeMinutes: Int @requires(fields: "body")
  }

  type ArticleEngagement {
    views: Int!
    shares: Int!
    comments: Int!
  }

  type Region @key(fields: "code") {
    code: String!
    "Readers following news about this region."
    followers: Int
  }

  type Query {
    """
    The most viewed articles, most viewed first; first is at most 100. An entry is null where the
    content service does not show the article (unpublished or deleted). Nullable, like every field
    this service adds, so that the rest of a query survives it being down.
    """
    trendingArticles(first: Int! = 10): [Article]
  }
`);

export interface EngagementContext {
  readonly store: EngagementStore;
}

interface ArticleStub {
  slug: string;
  /** Present when the gateway fetched it for readingTimeMinutes (@requires). */
  body?: string | null;
}

const WORDS_PER_MINUTE = 230;

export function buildEngagementSchema(): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: engagementTypeDefs,
      resolvers: {
        Query: {
          trendingArticles: (_: unknown, { first }: { first: number }, { store }: EngagementContext): ArticleStub[] => {
            if (first < 0 || first > 100) {
              throw new GraphQLError('first must be from 0 to 100.', { extensions: { code: 'BAD_USER_INPUT' } });
            }
            return store.trending(first).map((slug) => ({ slug }));
          },
        },
        Article: {
          // The representation is all this service needs: its own data is keyed by the slug.
          __resolveReference: (stub: ArticleStub) => stub,
          engagement: (article: ArticleStub, _: unknown, { store }: EngagementContext): ArticleStats =>
            store.statsFor(article.slug),
          // No body: the content service has none for this caller (a draft), and the gateway says so with null.
          readingTimeMinutes: ({ body }: ArticleStub): number | null =>
            typeof body !== 'string'
              ? null
              : Math.max(1, Math.round(body.split(/\s+/).filter(Boolean).length / WORDS_PER_MINUTE)),
        },
        Region: {
          followers: (region: { code: string }, _: unknown, { store }: EngagementContext): number =>
            store.followersOf(region.code),
        },
      },
    },
  ]);
}
