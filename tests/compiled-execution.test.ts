import { insertGeneratedContent } from '../src/seed/generated-content';
import { headersByRole } from './support/editorial';
import { GraphQLResponse, startTestServer, TestServer } from './support/server';

/**
 * EXECUTOR=jit runs operations as compiled graphql-jit plans (src/server/compiled-execution.ts).
 * Whichever executor runs, a client must get the same answer: the same data, the same errors with
 * the same codes, paths and messages, and the same statements run. Two services over one database,
 * one per executor, are asked the same things.
 */
let interpreted: TestServer;
let compiled: TestServer;
let partner: Record<string, string>;

beforeAll(async () => {
  interpreted = await startTestServer({ execution: { executor: 'graphql-js', maxPlans: 1 } });
  await insertGeneratedContent(interpreted.database.dataSource, {
    articles: 60,
    sources: 12,
    regionFanout: [2, 2, 2, 2],
    bodyBytes: 200,
    draftEvery: 7,
  });
  // Two plans at most, so that the operations below also run after their plan was dropped.
  compiled = await startTestServer({
    sample: false,
    database: interpreted.database,
    execution: { executor: 'jit', maxPlans: 2 },
  });
  partner = (await headersByRole(interpreted)).partner;
});
afterAll(async () => {
  await compiled?.stop().catch(() => undefined);
  await interpreted?.stop();
});

const EVERYTHING = /* GraphQL */ `
  id slug title summary body language label byline status version publishedAt updatedAt url
  sources { id slug name kind url stateAffiliated country { id code name } }
  photos { id url caption altText creditLine credit { id slug name } }
  regions { id code name kind parent { id code name } ancestors { id code name } }`;

async function both(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<GraphQLResponse> {
  const expected = await interpreted.query(query, variables, headers);
  // Twice: compiled on the first request, from the kept plan on the second.
  for (let round = 0; round < 2; round += 1) {
    const answer = await compiled.query(query, variables, headers);
    expect(answer).toEqual(expected);
  }
  return expected;
}

it('answers pages of articles with everything as graphql-js does, with the same statements', async () => {
  const first = await both(
    `query ($first: Int!) {
    articles(first: $first) { totalCount edges { cursor node { ${EVERYTHING} } } pageInfo { hasNextPage endCursor } }
  }`,
    { first: 20 },
  );
  expect(first.data!.articles.edges).toHaveLength(20);
  expect(first.extensions?.queryStats?.sqlStatements).toBeGreaterThan(0);
  await both(
    `query ($after: String) { articles(first: 30, after: $after) { edges { node { id title regions { code } } } } }`,
    { after: first.data!.articles.pageInfo.endCursor },
    partner,
  );
});

it('answers federation entity fetches, with representations as a variable or written in the document', async () => {
  const { data } = await interpreted.query(`{ articles(first: 3) { edges { node { id slug } } } }`);
  const [a, b, c] = data!.articles.edges.map((edge: { node: { id: string; slug: string } }) => edge.node);
  const answer = await both(
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Article { ${EVERYTHING} } } }`,
    {
      representations: [
        { __typename: 'Article', slug: a.slug },
        { __typename: 'Article', id: b.id },
      ],
    },
  );
  expect(answer.data!._entities.map((article: { id: string }) => article.id)).toEqual([a.id, b.id]);
  // A variable inside a literal: graphql-jit would drop it, so this document runs on graphql-js.
  const nested = await both(
    `query ($id: ID!) { _entities(representations: [{ __typename: "Article", id: $id }]) { ... on Article { id title } } }`,
    { id: c.id },
  );
  expect(nested.data!._entities).toEqual([{ id: c.id, title: expect.any(String) }]);
});

it('answers errors as graphql-js does: codes, messages, paths and partial data', async () => {
  const pageTooLarge = await both(`{ articles(first: 1000) { edges { node { id } } } }`);
  expect(pageTooLarge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const badVariable = await both(`query ($first: Int!) { articles(first: $first) { totalCount } }`, {
    first: 'twenty',
  });
  expect(badVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const badId = await both(`{ ok: articles(first: 1) { totalCount } bad: node(id: "not-an-id") { id } }`);
  expect(badId.data?.ok.totalCount).toBeGreaterThan(0);
  expect(badId.errors?.[0]).toMatchObject({ path: ['bad'], extensions: { code: 'BAD_USER_INPUT' } });
  const forbidden = await both(`{ tombstones(first: 5) { sequence entityType } }`);
  expect(forbidden.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
});
