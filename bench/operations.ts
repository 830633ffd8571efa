// Not generated-content.ts: that imports the entities, which must wait for the database to be named (run.ts).
import { RARE_WORDS } from '../src/seed/generated-words';

/**
 * What the benchmark asks, written as the site and the partners ask it. Each operation takes a page
 * size, so the statement check can run it at 1, 20 and 100, and a set of variables that wrk rotates
 * through (different articles, regions and pages), so no one row stays hot in every cache.
 */
export interface Sample {
  /** Slugs of the newest 1,000 published articles, newest first. */
  slugs: string[];
  /** The cursor of each of those articles, for `after`. */
  cursors: string[];
  countryCodes: string[];
}

export interface Operation {
  key: string;
  title: string;
  query: string;
  /** The page size the load runs at. */
  defaultSize: number;
  variables(sample: Sample, size: number): Record<string, unknown>[];
  /** What a client sends the gateway instead, where the subgraph is sent something only a gateway sends. */
  gateway?: Pick<Operation, 'query' | 'variables'>;
  /** Sent with an analyst's API key (run.ts makes one per run); anonymous otherwise. */
  analyst?: boolean;
}

const EVERYTHING = /* GraphQL */ `
  variant: id
  id slug title summary body language label byline status version publishedAt updatedAt
  sources { id slug name kind url stateAffiliated country { id code name } }
  photos { id url caption altText creditLine credit { id slug name } }
  regions { id code name kind parent { id code name } ancestors { id code name } }`;

/**
 * What readers search for, drawn from the generated bodies: made-up words from common to rare, alone
 * and beside one of the words every article has.
 */
const SEARCHES = Array.from({ length: 64 }, (_, i) => {
  const rare = RARE_WORDS[Math.floor((i / 64) ** 2 * 2_000)];
  return i % 2 === 0 ? rare : `${rare} ${['energy', 'protest', 'election', 'border'][i % 4]}`;
});

const spread = <T>(items: T[], count: number): T[] =>
  Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor((i * items.length) / count)]);

const indexes = (count: number) => Array.from({ length: count }, (_, i) => i);

export const operations: Operation[] = [
  {
    key: 'front-page',
    title: 'front page',
    defaultSize: 20,
    query: /* GraphQL */ `
      query FrontPage($first: Int!) {
        articles(first: $first) {
          edges {
            node {
              variant: id
              id
              slug
              title
              summary
              label
              byline
              publishedAt
              sources {
                id
                name
                stateAffiliated
              }
              photos {
                id
                url
                altText
                creditLine
                credit {
                  id
                  name
                }
              }
              regions {
                id
                code
                name
                parent {
                  id
                  code
                  name
                }
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    `,
    variables: (_, size) => [{ first: size }],
  },
  {
    key: 'article-page',
    title: 'article page',
    defaultSize: 10,
    query: /* GraphQL */ `query ArticlePage($slug: String!, $latest: Int!) {
      article(slug: $slug) {
        ${EVERYTHING}
        regions { articles(first: $latest) { edges { node { id slug title publishedAt } } } }
      }
    }`,
    variables: (sample, size) => spread(sample.slugs, 100).map((slug) => ({ slug, latest: size })),
  },
  {
    key: 'region-page',
    title: 'region page',
    defaultSize: 50,
    query: /* GraphQL */ `
      query RegionPage($code: String!, $first: Int!) {
        region(code: $code) {
          variant: id
          id
          code
          name
          kind
          ancestors {
            id
            code
            name
          }
          children {
            id
            code
            name
            kind
            children {
              id
              code
              name
            }
          }
          articles(first: $first) {
            totalCount
            edges {
              node {
                id
                slug
                title
                summary
                publishedAt
                sources {
                  id
                  name
                }
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `,
    variables: (sample, size) => spread(sample.countryCodes, 64).map((code) => ({ code, first: size })),
  },
  {
    key: 'partner-sync',
    title: 'partner sync',
    defaultSize: 100,
    query: /* GraphQL */ `query PartnerSync($first: Int!, $after: String) {
      articles(first: $first, after: $after) {
        edges { cursor node { ${EVERYTHING} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    // Pages of 100 starting at 64 places in the newest articles, each a full page.
    variables: (sample, size) =>
      spread([null, ...sample.cursors.slice(0, -100)], 64).map((after) => ({ first: size, after })),
  },
  {
    key: 'entity-fetch',
    title: 'entity fetch',
    defaultSize: 100,
    // What the gateway sends the subgraph to complete the articles the engagement subgraph names
    // (keyed by slug, the key that subgraph knows).
    query: /* GraphQL */ `query EntityFetch($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Article { ${EVERYTHING} } }
    }`,
    variables: (sample, size) =>
      spread(indexes(sample.slugs.length - 100), 64).map((from) => ({
        representations: sample.slugs.slice(from, from + size).map((slug) => ({ __typename: 'Article', slug })),
      })),
    gateway: {
      query: /* GraphQL */ `query Trending($first: Int!) { trendingArticles(first: $first) { ${EVERYTHING} } }`,
      variables: (_, size) => [{ first: size }],
    },
  },
  {
    key: 'search',
    title: 'search',
    defaultSize: 20,
    query: /* GraphQL */ `
      query Search($query: String!, $first: Int!) {
        search(query: $query, first: $first) {
          totalCount
          edges {
            cursor
            node {
              score
              snippet
              article {
                variant: id
                id
                slug
                title
                publishedAt
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `,
    variables: (_, size) => SEARCHES.map((query) => ({ query, first: size })),
  },
  {
    key: 'article-stats',
    title: 'article stats',
    // The "page size" is the number of months: a year under load, 1, 20 and 100 when counting.
    defaultSize: 12,
    analyst: true,
    query: /* GraphQL */ `
      query ArticleStats($from: DateTime!, $to: DateTime!, $continent: String!) {
        articleStats(groupBy: [REGION], bucket: MONTH, from: $from, to: $to, filter: { regionCode: $continent }) {
          region {
            variant: id
            code
            name
          }
          bucket
          articles
          citations
        }
      }
    `,
    // Up to the newest article (2026-01-01, src/seed/generated-content.ts): the data set spans seven
    // months, which a year covers whole. One continent at a time (the generator's gen-0-0 … gen-0-4):
    // all 2,225 regions by month are 11,770 rows, past articleStats' 10,000; a continent is ~2,400.
    variables: (_, months) =>
      indexes(5).map((continent) => ({
        from: new Date(Date.UTC(2026, -months, 1)).toISOString(),
        to: '2026-01-01T00:00:00.001Z',
        continent: `gen-0-${continent}`,
      })),
  },
];

export const SAMPLE_QUERY = /* GraphQL */ `
  query Sample($after: String) {
    articles(first: 100, after: $after) {
      edges {
        node {
          id
          slug
        }
      }
      pageInfo {
        endCursor
      }
    }
    regions(kind: COUNTRY) {
      code
    }
  }
`;

/**
 * Request bodies for wrk to rotate through, at least 64. Each renames the alias `variant` in its
 * query (variant7: id; the first drops it): with 64 of them no two of the 32 requests in flight are
 * the same, so the gateway cannot merge identical subgraph requests into one (it does, for requests
 * in flight), and every row measures the cost of every request. The alias costs nothing else.
 */
export function requestBodies(operation: Operation, sample: Sample, size: number, viaGateway = false): string[] {
  const { query, variables } = (viaGateway && operation.gateway) || operation;
  const sets = variables(sample, size);
  return Array.from({ length: Math.max(64, sets.length) }, (_, i) =>
    JSON.stringify({
      query: query.replace(/\bvariant: id\s*/, i === 0 ? '' : `variant${i}: id `),
      variables: sets[i % sets.length],
    }),
  );
}
