import { EngagementStore } from '../src/subgraphs/engagement/engagement.store';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startGeneratedServer } from './support/generated';

/**
 * Statement counts through the gateway: the content subgraph reports its own
 * (`extensions.queryStats`), and the gateway sums them per subgraph with the number of requests it
 * sent (gateway/query-stats.plugin.ts). Entity fetches must stay one request and a fixed number of
 * statements however many entities a list holds.
 */
let stack: FederatedStack;

beforeAll(async () => {
  const { server: content } = await startGeneratedServer();
  // The engagement team knows 100 published articles by slug: most viewed is the newest.
  const page = await content.query(`{ articles(first: 100) { edges { node { slug } } } }`);
  const slugs: string[] = page.data!.articles.edges.map((edge: any) => edge.node.slug);
  const engagementStore = new EngagementStore({
    articles: Object.fromEntries(slugs.map((slug, index) => [slug, { views: 1_000 - index, shares: 1, comments: 0 }])),
    regionFollowers: {},
  });
  stack = await startFederatedStack({ content, engagementStore });
});
afterAll(() => stack?.stop());

async function statsFor(query: string, variables: Record<string, unknown>) {
  const { data, errors, extensions } = await stack.query(query, variables);
  expect(errors).toBeUndefined();
  const stats = extensions!.queryStats as any;
  return { data, content: stats.subgraphs.content, engagement: stats.subgraphs.engagement };
}

describe('entity batching through the gateway', () => {
  it('completes 1, 20 or 100 articles listed by another subgraph with one request and one statement', async () => {
    const TRENDING = `query ($first: Int!) { trendingArticles(first: $first) { slug title byline } }`;
    for (const first of [1, 20, 100]) {
      const { data, content, engagement } = await statsFor(TRENDING, { first });
      expect(data!.trendingArticles).toHaveLength(first);
      expect(data!.trendingArticles.every((article: any) => article.title)).toBe(true);
      expect(engagement.requests).toBe(1);
      // One _entities call with `first` Article representations, resolved by one SELECT … IN.
      expect(content).toEqual({ requests: 1, sqlStatements: 1 });
    }
  });

  it('keeps nested content fields of those articles at one statement per level', async () => {
    const { data, content } = await statsFor(
      `query ($first: Int!) { trendingArticles(first: $first) { slug regions { code } sources { name } } }`,
      { first: 100 },
    );
    expect(data!.trendingArticles).toHaveLength(100);
    // articles + their regions + their sources
    expect(content).toEqual({ requests: 1, sqlStatements: 3 });
  });

  it('sends the engagement subgraph one request per entity type, whatever the page size', async () => {
    const PAGE = `query ($first: Int!) {
      articles(first: $first) {
        edges { node { title readingTimeMinutes engagement { views } regions { code followers } } }
      }
    }`;
    const seen: { content: unknown; engagement: unknown }[] = [];
    for (const first of [1, 20, 100]) {
      const { data, content, engagement } = await statsFor(PAGE, { first });
      expect(data!.articles.edges).toHaveLength(first);
      expect(data!.articles.edges.every((edge: any) => edge.node.readingTimeMinutes > 0)).toBe(true);
      seen.push({ content, engagement });
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    // page + regions; Article entities and Region entities
    expect(seen[0]).toEqual({
      content: { requests: 1, sqlStatements: 2 },
      engagement: { requests: 2, sqlStatements: 0 },
    });
  });
});

describe('identical queries in flight at the same time', () => {
  it('reach each subgraph once, and every caller gets the whole answer', async () => {
    const PAGE = `{
      articles(first: 20) {
        edges { node { slug title engagement { views } regions { code parent { code } followers } } }
      }
    }`;
    const alone = await stack.query(PAGE);
    expect(alone.errors).toBeUndefined();
    const from = { content: stack.proxies.content.seen.length, engagement: stack.proxies.engagement.seen.length };
    // Held at the proxy, so all eight are in flight when the first answer comes back.
    stack.proxies.content.delayMs = 300;
    try {
      const together = await Promise.all(Array.from({ length: 8 }, () => stack.query(PAGE)));
      for (const answer of together) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual(alone.data);
      }
    } finally {
      stack.proxies.content.delayMs = 0;
    }
    // The page from content once; then Article and Region entities from engagement, once each.
    expect(stack.proxies.content.seen.length - from.content).toBe(1);
    expect(stack.proxies.engagement.seen.length - from.engagement).toBe(2);
  });
});
