import { startTestServer, TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** Limits come from src/config.ts defaults: depth 12, 30 aliases, 3000 tokens, cost 50000. */
async function expectRejected(query: string, message: RegExp) {
  const response = await server.query(query);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].message).toMatch(message);
  expect(response.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  expect(response.extensions?.queryStats?.sqlStatements ?? 0).toBe(0);
}

describe('abusive operations are refused before they touch the database', () => {
  it('too deep', async () => {
    const deep = 'parent { '.repeat(12) + 'code' + ' }'.repeat(12);
    await expectRejected(`{ region(code: "KZ-47") { ${deep} } }`, /depth limit of 12/i);
  });

  it('too many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: sources { name }`).join(' ');
    await expectRejected(`{ ${aliases} }`, /aliases limit of 30/i);
  });

  it('too costly', async () => {
    const nested =
      'articles(first: 100) { edges { node { sources { articles(first: 100) { edges { node { title body } } } } } } }';
    const aliases = Array.from({ length: 25 }, (_, i) => `r${i}: regions { ${nested} }`).join(' ');
    await expectRejected(`{ ${aliases} }`, /cost limit of 50000/i);
  });

  it('while ordinary pages pass', async () => {
    const response = await server.query(`{
      region(code: "KZ-47") { parent { parent { parent { code } } } }
      articles(first: 100) { edges { node { title sources { name } photos { credit { name } } regions { parent { name } } } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.region.parent.parent.parent.code).toBe('asia');
  });
});
