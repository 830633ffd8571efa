import { startGeneratedServer, walkPages } from './support/generated';
import { TestServer } from './support/server';

let server: TestServer;
let everything: any[];
beforeAll(async () => {
  ({ server } = await startGeneratedServer());
  // Every visible article with its regions and their ancestors: the independent oracle below.
  ({ nodes: everything } = await walkPages(
    server,
    `query ($after: String) { articles(first: 100, after: $after) { edges { node {
       slug language label publishedAt sources { id } regions { code ancestors { code } } } }
       pageInfo { hasNextPage endCursor } } }`,
    {},
    (data) => data.articles,
  ));
});
afterAll(() => server?.stop());

const SLUGS = /* GraphQL */ `
  query ($after: String, $filter: ArticleFilter) {
    articles(first: 100, after: $after, filter: $filter) {
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
`;

async function slugsFor(filter: Record<string, unknown>): Promise<{ slugs: string[]; totalCount: number }> {
  const { nodes, pages } = await walkPages(server, SLUGS, { filter }, (data) => data.articles);
  return { slugs: nodes.map((n) => n.slug), totalCount: pages[0].totalCount };
}

const slugsWhere = (test: (article: any) => boolean): string[] => everything.filter(test).map((a) => a.slug);

describe('article filters', () => {
  it('regionCode includes every region below it', async () => {
    const continent = 'gen-0-0';
    const expected = slugsWhere((a) =>
      a.regions.some((r: any) => r.code === continent || r.ancestors.some((p: any) => p.code === continent)),
    );
    expect(expected.length).toBeGreaterThan(10);
    const { slugs, totalCount } = await slugsFor({ regionCode: continent });
    expect(slugs).toEqual(expected);
    expect(totalCount).toBe(expected.length);

    const region = await server.query(
      `query { region(code: "${continent}") { articles(first: 100) { totalCount } direct: articles(includeDescendants: false) { totalCount } } }`,
    );
    expect(region.data!.region.articles.totalCount).toBe(expected.length);
    expect(region.data!.region.direct.totalCount).toBe(0);
  });

  it('an unknown region code gives an empty list', async () => {
    expect(await slugsFor({ regionCode: 'nowhere' })).toEqual({ slugs: [], totalCount: 0 });
  });

  it('filters by source, language, label and publication window together', async () => {
    const sourceId = everything[0].sources[0].id;
    const after = everything[150].publishedAt;
    const expected = slugsWhere(
      (a) =>
        a.sources.some((s: any) => s.id === sourceId) &&
        a.language === 'en' &&
        Date.parse(a.publishedAt) > Date.parse(after),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect((await slugsFor({ sourceId, language: 'en', publishedAfter: after })).slugs).toEqual(expected);

    const labelled = slugsWhere((a) => a.label === 'Analysis' && Date.parse(a.publishedAt) < Date.parse(after));
    expect((await slugsFor({ label: 'Analysis', publishedBefore: after })).slugs).toEqual(labelled);
  });
});
