import { startGeneratedServer } from './support/generated';
import { TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  ({ server } = await startGeneratedServer());
});
afterAll(() => server?.stop());

async function statementsFor(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ count: number; data: any }> {
  const { data, errors, extensions } = await server.query(query, variables);
  expect(errors).toBeUndefined();
  return { count: extensions!.queryStats!.sqlStatements, data };
}

const FRONT_PAGE = /* GraphQL */ `
  query FrontPage($first: Int) {
    articles(first: $first) {
      totalCount
      edges {
        node {
          id
          title
          sources {
            name
          }
          photos {
            url
            credit {
              name
            }
          }
          regions {
            name
            parent {
              name
            }
          }
        }
      }
    }
  }
`;

describe('statements per request follow the depth of the query, not the size of its answer', () => {
  it('the front page runs the same few statements for 1, 20 and 100 articles', async () => {
    const counts: number[] = [];
    for (const first of [1, 20, 100]) {
      const { count, data } = await statementsFor(FRONT_PAGE, { first });
      expect(data.articles.edges).toHaveLength(first);
      counts.push(count);
    }
    expect(new Set(counts).size).toBe(1);
    // page + count + sources + photos (their credits joined in) + regions (their parents joined in)
    expect(counts[0]).toBe(5);
  });

  it('nested connections under a list cost one statement per level', async () => {
    const NESTED = /* GraphQL */ `
      query {
        sources {
          name
          articles(first: 5) {
            totalCount
            edges {
              node {
                title
                regions {
                  code
                }
              }
            }
          }
        }
      }
    `;
    const { count, data } = await statementsFor(NESTED);
    expect(data.sources.length).toBe(60);
    // sources + one windowed page for all 60 + one grouped count + regions of all their articles
    expect(count).toBe(4);
  });

  it('region trees load with one recursive statement per level, whatever their size', async () => {
    const TREE = /* GraphQL */ `
      query {
        regions {
          code
          ancestors {
            code
          }
          children {
            code
          }
          parent {
            code
          }
          articles(first: 2) {
            totalCount
            edges {
              node {
                slug
              }
            }
          }
        }
      }
    `;
    const { count, data } = await statementsFor(TREE);
    expect(data.regions.length).toBe(2 + 4 + 12 + 24);
    // regions + ancestors + children + parents + windowed articles + grouped counts
    expect(count).toBe(6);
  });

  it('counts every statement: without batching the same page costs one statement per parent', async () => {
    const { server: unbatched } = await startGeneratedServer({ batching: false });
    try {
      const counts: number[] = [];
      for (const first of [1, 20]) {
        const response = await unbatched.query(FRONT_PAGE, { first });
        expect(response.errors).toBeUndefined();
        counts.push(response.extensions!.queryStats!.sqlStatements);
      }
      // page + count, then per article: sources, photos (with their credits), regions (with their parents)
      expect(counts[0]).toBeGreaterThanOrEqual(2 + 3);
      expect(counts[1]).toBeGreaterThan(counts[0] * 10);
    } finally {
      await unbatched.stop();
    }
  });

  it('node lookups of many kinds in one request batch per kind', async () => {
    const { data } = await server.query(`{ articles(first: 6) { edges { node { id photos { id } } } } }`);
    const ids: string[] = data!.articles.edges.flatMap((e: any) => [e.node.id, ...e.node.photos.map((p: any) => p.id)]);
    const aliases = ids.map((id, i) => `n${i}: node(id: "${id}") { id }`).join('\n');
    const { count, data: nodes } = await statementsFor(`{ ${aliases} }`);
    expect(Object.values(nodes).map((n: any) => n.id)).toEqual(ids);
    expect(count).toBe(2);
  });
});
