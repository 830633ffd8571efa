import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * The GraphiQL page of the gateway (with the explorer), whole in one HTML answer: its script, styles
 * and editor workers come from @graphql-yoga/render-graphiql, a dependency of this project, so the page
 * works on a closed network and under a Content-Security-Policy that names no other origin.
 */

type GraphiQLOptions = Parameters<typeof renderGraphiQL>[0];

const SAMPLE_SLUG = 'whats-happening-in-kazakhstan';

/**
 * The tabs a first visit opens with: README's example queries, which answer on the sample content.
 * Written flush left, as the editor shows them (a GraphQL tag would have Prettier indent them).
 */
export const GRAPHIQL_TABS: readonly { query: string; variables?: string }[] = [
  {
    query: `# The newest articles about Central Asia or any region inside it.
# An API key goes in the Headers tab below: { "authorization": "Bearer <key>" }
query FrontPage($first: Int = 5, $after: String) {
  articles(first: $first, after: $after, filter: { regionCode: "central-asia" }) {
    totalCount
    edges {
      node {
        title
        slug
        publishedAt
        photos {
          creditLine
          credit {
            name
          }
        }
        regions {
          code
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
`,
  },
  {
    query: `# An article page, across the content and engagement subgraphs.
query ArticlePage($slug: String!) {
  article(slug: $slug) {
    title
    byline
    url
    citations {
      position
      context
      source {
        name
        stateAffiliated
      }
    }
    photos {
      caption
      creditLine
      rights {
        copyrightHolder
        syndicationAllowed
      }
    }
    readingTimeMinutes
    engagement {
      views
      shares
    }
  }
}
`,
    variables: JSON.stringify({ slug: SAMPLE_SLUG }, null, 2),
  },
  {
    query: `# A region with its ancestors (nearest first) and the articles about it.
query Region($code: String!) {
  region(code: $code) {
    name
    kind
    ancestors {
      code
      name
    }
    children {
      code
      name
    }
    articles(first: 5) {
      totalCount
      edges {
        node {
          title
        }
      }
    }
  }
}
`,
    variables: JSON.stringify({ code: 'KZ-47' }, null, 2),
  },
  {
    query: `# Full-text search: every word must match; "quoted words" match as a phrase.
query Search($query: String!) {
  search(query: $query, first: 5) {
    totalCount
    edges {
      node {
        score
        snippet
        article {
          title
          slug
        }
      }
    }
  }
}
`,
    variables: JSON.stringify({ query: 'almaty protesters' }, null, 2),
  },
];

export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: 'Content gateway',
  defaultTabs: GRAPHIQL_TABS.map((tab) => ({ ...tab, headers: '{}' })),
  isHeadersEditorEnabled: true,
  defaultEditorToolsVisibility: 'variables',
  // A key typed into the header editor stays in this browser's storage only when the user asks for it.
  shouldPersistHeaders: false,
};

/**
 * The page is about 9 MB (the editor and its workers, inlined) and the same for the same options:
 * rendered once, not on every request as Yoga would (it passes a fresh copy of the options each time).
 */
let rendered: { key: string; html: string } | undefined;
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const key = JSON.stringify(options);
  if (rendered?.key !== key) rendered = { key, html: renderGraphiQL(options) };
  return rendered.html;
}

/**
 * What the page needs besides its own origin: its inline script and styles, its editor workers
 * started from blob: URLs, and data: images and fonts. No other origin.
 */
export const GRAPHIQL_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
};
