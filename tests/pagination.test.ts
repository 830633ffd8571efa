import { startGeneratedServer, walkPages } from './support/generated';
import { TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  ({ server } = await startGeneratedServer());
});
afterAll(() => server?.stop());

const LIST = /* GraphQL */ `
  query List($first: Int, $after: String, $filter: ArticleFilter) {
    articles(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          slug
          publishedAt
          status
          language
          label
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

describe('article pagination', () => {
  it('walks every published article exactly once, newest first with ties broken by id', async () => {
    const { nodes, pages } = await walkPages(server, LIST, { first: 7 }, (data) => data.articles);
    // 300 generated, every 10th a draft: anonymous callers see 270.
    expect(nodes).toHaveLength(270);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(270);
    expect(nodes.every((n) => n.status === 'PUBLISHED')).toBe(true);
    expect(pages.every((p) => p.totalCount === 270)).toBe(true);
    const keys = nodes.map((n) => [Date.parse(n.publishedAt), Number(n.slug.replace('gen-article-', ''))]);
    for (let i = 1; i < keys.length; i += 1) {
      const [prevTime, prevIndex] = keys[i - 1];
      const [time, index] = keys[i];
      // Generated ids grow with the index, so within one timestamp the higher index comes first.
      expect(prevTime > time || (prevTime === time && prevIndex > index)).toBe(true);
    }
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    expect(pages[1].pageInfo.hasPreviousPage).toBe(true);
    const last = pages[pages.length - 1];
    expect(last.edges).toHaveLength(270 % 7);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to 20 and gives an empty page after the last article', async () => {
    const first = await server.query(LIST, {});
    expect(first.data!.articles.edges).toHaveLength(20);
    const { pages } = await walkPages(server, LIST, { first: 100 }, (data) => data.articles);
    const end = pages[pages.length - 1].pageInfo.endCursor;
    const after = await server.query(LIST, { first: 10, after: end });
    expect(after.errors).toBeUndefined();
    expect(after.data!.articles).toMatchObject({
      edges: [],
      totalCount: 270,
      pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('answers first: 0 with the count and no edges', async () => {
    const { data } = await server.query(LIST, { first: 0 });
    expect(data!.articles.edges).toEqual([]);
    expect(data!.articles.totalCount).toBe(270);
  });

  it('refuses a cursor taken from a list with another filter', async () => {
    const romanian = await server.query(LIST, { first: 2, filter: { language: 'ro' } });
    const cursor = romanian.data!.articles.pageInfo.endCursor;
    const { data, errors } = await server.query(LIST, { first: 2, after: cursor, filter: { language: 'en' } });
    expect(data).toBeNull();
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errors![0].message).toMatch(/different list or filter/);
  });

  it('pages nested connections independently for each parent', async () => {
    const NESTED = /* GraphQL */ `
      query ($after: String) {
        sources {
          slug
          articles(first: 3, after: $after) {
            totalCount
            edges {
              node {
                slug
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `;
    const { data } = await server.query(NESTED);
    const busy = data!.sources.find((s: any) => s.articles.totalCount > 3);
    expect(busy.articles.edges).toHaveLength(3);
    expect(busy.articles.pageInfo.hasNextPage).toBe(true);
    const all = await walkPages(
      server,
      `query ($slug: String!, $after: String) { source(slug: $slug) { articles(first: 2, after: $after) { edges { node { slug } } pageInfo { hasNextPage endCursor } } } }`,
      { slug: busy.slug },
      (d) => d.source.articles,
    );
    expect(all.nodes).toHaveLength(busy.articles.totalCount);
    expect(all.nodes.slice(0, 3).map((n) => n.slug)).toEqual(busy.articles.edges.map((e: any) => e.node.slug));
  });
});
