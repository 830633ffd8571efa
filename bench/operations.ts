/**
 * What the benchmark asks, written as the site and the partners ask it. Each operation takes a page
 * size, so the statement check can run it at 1, 20 and 100, and a set of variables that wrk rotates
 * through (different articles, regions and pages), so no one row stays hot in every cache.
 */
export interface Sample {
  /** Global ids and slugs of the newest 1,000 published articles, newest first. */
  articleIds: string[];
  slugs: string[];
  /** `after` values for the first ten pages of 100 (null for the first). */
  cursors: (string | null)[];
  countryCodes: string[];
}

export interface Operation {
  key: string;
  title: string;
  query: string;
  /** The page size the load runs at. */
  defaultSize: number;
  variables(sample: Sample, size: number): Record<string, unknown>[];
}

const EVERYTHING = /* GraphQL */ `
  id slug title summary body language label byline status version publishedAt updatedAt
  sources { id slug name kind url stateAffiliated country { id code name } }
  photos { id url caption altText creditLine credit { id slug name } }
  regions { id code name kind parent { id code name } ancestors { id code name } }`;

const spread = <T>(items: T[], count: number): T[] =>
  Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor((i * items.length) / count)]);

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
    variables: (sample, size) => spread(sample.slugs, 50).map((slug) => ({ slug, latest: size })),
  },
  {
    key: 'region-page',
    title: 'region page',
    defaultSize: 50,
    query: /* GraphQL */ `
      query RegionPage($code: String!, $first: Int!) {
        region(code: $code) {
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
    variables: (sample, size) => spread(sample.countryCodes, 20).map((code) => ({ code, first: size })),
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
    variables: (sample, size) => sample.cursors.map((after) => ({ first: size, after })),
  },
  {
    key: 'entity-fetch',
    title: 'entity fetch',
    defaultSize: 100,
    // What a federation gateway sends the subgraph to complete 100 articles another subgraph returned.
    query: /* GraphQL */ `query EntityFetch($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Article { ${EVERYTHING} } }
    }`,
    variables: (sample, size) =>
      Array.from({ length: 10 }, (_, batch) => ({
        representations: sample.articleIds
          .slice(batch * 100, batch * 100 + size)
          .map((id) => ({ __typename: 'Article', id })),
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

export function requestBodies(operation: Operation, sample: Sample, size: number, query = operation.query): string[] {
  return operation.variables(sample, size).map((variables) => JSON.stringify({ query, variables }));
}
