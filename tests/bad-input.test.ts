import { toGlobalId } from '../src/node/global-id';
import { startTestServer, TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

function expectBadInput(response: Awaited<ReturnType<TestServer['query']>>, message: RegExp, field?: string) {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  if (field) expect(error.extensions?.field).toBe(field);
  expect(error.message).toMatch(message);
  expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.(js|ts):\d+/);
}

describe('bad input is a BAD_USER_INPUT error that says what to change', () => {
  it.each([
    [1000, /between 0 and 100, got 1000/],
    [-1, /between 0 and 100, got -1/],
  ])('first: %p', async (first, message) => {
    expectBadInput(
      await server.query('query ($first: Int) { articles(first: $first) { totalCount } }', { first }),
      message,
      'first',
    );
  });

  it('a malformed cursor', async () => {
    for (const after of ['not-a-cursor', 'eyJ4IjoxfQ', '%%%']) {
      expectBadInput(
        await server.query('query ($after: String) { articles(after: $after) { totalCount } }', { after }),
        /not a valid cursor; pass the cursor or endCursor of a previous page/,
        'after',
      );
    }
  });

  it('an id that is not a global id, or the id of another type', async () => {
    expectBadInput(await server.query('{ node(id: "123") { id } }'), /not a global id/, 'id');
    const photoId = toGlobalId('Photo', 1);
    expectBadInput(
      await server.query(`{ article(id: "${photoId}") { id } }`),
      /is the id of a Photo, not of an Article/,
      'id',
    );
    expectBadInput(await server.query('{ region(id: "QXJ0aWNsZTox") { id } }'), /not of a Region/, 'id');
  });

  it('a publishedAfter that is not a date, as a variable or inline', async () => {
    expectBadInput(
      await server.query('query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }', {
        f: { publishedAfter: 'yesterday' },
      }),
      /yesterday/,
    );
    expectBadInput(
      await server.query('{ articles(filter: { publishedAfter: "2022-13-45" }) { totalCount } }'),
      /date-time/,
    );
  });

  it('an empty publication window', async () => {
    expectBadInput(
      await server.query(
        '{ articles(filter: { publishedAfter: "2022-02-01T00:00:00Z", publishedBefore: "2022-01-01T00:00:00Z" }) { totalCount } }',
      ),
      /publishedAfter must be earlier than publishedBefore/,
      'filter.publishedAfter',
    );
  });

  it('neither or both of id and slug', async () => {
    expectBadInput(await server.query('{ article { id } }'), /exactly one of id or slug/);
    expectBadInput(
      await server.query('{ source(id: "U291cmNlOjE", slug: "tass") { id } }'),
      /exactly one of id or slug/,
    );
  });
});

describe('what does not exist is null, not an error', () => {
  it('an unknown slug, code or id', async () => {
    const response = await server.query(`{
      article(slug: "no-such-article") { id }
      byId: article(id: "${toGlobalId('Article', 999999)}") { id }
      region(code: "XX") { id }
      source(slug: "nobody") { id }
      photo(id: "${toGlobalId('Photo', 424242)}") { id }
      node(id: "${toGlobalId('Region', 31337)}") { id }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ article: null, byId: null, region: null, source: null, photo: null, node: null });
  });
});

describe('failures inside the service', () => {
  it('are an INTERNAL_SERVER_ERROR with no detail but the request id, and the service goes on answering', async () => {
    await server.database.dataSource.query('ALTER TABLE photo RENAME TO photo_moved');
    try {
      const response = await server.query(
        '{ article(slug: "whats-happening-in-kazakhstan") { title photos { url } } }',
        undefined,
        { 'x-request-id': 'report-4711' },
      );
      expect(response.status).toBe(200);
      expect(response.errors).toEqual([
        {
          message: 'Internal server error',
          locations: expect.any(Array),
          path: ['article', 'photos'],
          // What an operator looks for in the log, where every line of the request carries it.
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'report-4711' },
        },
      ]);
      expect(JSON.stringify(response)).not.toMatch(/photo_moved|SELECT|no such table|relation/i);
    } finally {
      await server.database.dataSource.query('ALTER TABLE photo_moved RENAME TO photo');
    }
    const healthy = await server.query('{ article(slug: "whats-happening-in-kazakhstan") { photos { url } } }');
    expect(healthy.data!.article.photos).toHaveLength(4);
  });

  it('a body that is not JSON is a 400 with a GraphQL-shaped error', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('health answers 200 while the database answers', async () => {
    const response = await fetch(server.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
