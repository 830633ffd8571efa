import { config } from '../src/config';
import { serviceLogger } from '../src/logger';
import { connectRedis, SharedRedis } from '../src/redis/redis';
import { CREATE, DELETE, draftInput, headersByRole, Headers, MOVE, sampleIds, SampleIds } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { scrapeMetrics } from './support/metrics';
import { PrivateRedis, startPrivateRedis } from './support/private-redis';

const SLUG = 'whats-happening-in-kazakhstan';
const PUBLIC = `public, max-age=${config.caching.maxAgeSeconds}, stale-while-revalidate=${config.caching.staleWhileRevalidateSeconds}`;
const NO_STORE = 'private, no-store';

interface Answer {
  status: number;
  cacheControl: string | null;
  xCache: string | null;
  vary: string | null;
  data?: any;
  errors?: { extensions?: { code?: string } }[];
}

/** One request to the gateway as a browser or a CDN sends it, with the headers that matter here. */
async function ask(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; headers?: Headers; method?: 'GET' | 'POST' } = {},
): Promise<Answer> {
  const { variables, headers = {}, method = 'POST' } = options;
  const response =
    method === 'GET'
      ? await fetch(
          `${url}?${new URLSearchParams({ query, ...(variables && { variables: JSON.stringify(variables) }) })}`,
          {
            headers,
          },
        )
      : await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        });
  const body = (await response.json()) as { data?: unknown; errors?: Answer['errors'] };
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    xCache: response.headers.get('x-cache'),
    vary: response.headers.get('vary'),
    data: body.data,
    errors: body.errors,
  };
}

/** A write that must succeed, sent through a gateway as the newsroom sends it. */
async function write(url: string, editor: Headers, query: string, variables: Record<string, unknown>) {
  const answer = await ask(url, query, { variables, headers: editor });
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

const ARTICLE_PAGE = /* GraphQL */ `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      title
      sources {
        name
      }
      photos {
        caption
      }
      regions {
        name
      }
    }
  }
`;
const FRONT_PAGE = '{ articles(first: 50) { totalCount edges { node { slug } } } }';

describe('Cache-Control and the response cache, one gateway (memory store)', () => {
  let stack: FederatedStack;
  let editor: Headers;
  let ids: SampleIds;
  const url = () => stack.gateway.url;

  beforeAll(async () => {
    stack = await startFederatedStack({ gateway: { caching: config.caching } });
    editor = (await headersByRole(stack.content)).editor;
    ids = await sampleIds(stack.content);
  });
  afterAll(() => stack.stop());

  it('marks an anonymous read public, over GET and POST, and varies it by Authorization', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const answer = await ask(url(), `{ article(slug: "${SLUG}") { title } m${method}: __typename }`, { method });
      expect(answer).toMatchObject({ status: 200, cacheControl: PUBLIC });
      expect(answer.vary?.toLowerCase()).toContain('authorization');
    }
  });

  it('marks private, no-store whatever is answered for a key, a mutation, an answer with errors or a refused request', async () => {
    const forKey = await ask(url(), `{ article(slug: "${SLUG}") { title } }`, { headers: editor });
    expect(forKey).toMatchObject({ cacheControl: NO_STORE, xCache: null });
    const mutation = await ask(url(), CREATE, { variables: { input: draftInput() }, headers: editor });
    expect(mutation).toMatchObject({ cacheControl: NO_STORE, xCache: null });
    const refusedWrite = await ask(url(), CREATE, { variables: { input: draftInput() } });
    expect(refusedWrite.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(refusedWrite.cacheControl).toBe(NO_STORE);
    const badInput = await ask(url(), '{ articles(first: 1000) { totalCount } }');
    expect(badInput).toMatchObject({ cacheControl: NO_STORE });
    expect(badInput.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const invalid = await ask(url(), '{ nothingHere }');
    expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.cacheControl).toBe(NO_STORE);
    const badKey = await ask(url(), '{ __typename }', { headers: { authorization: 'Bearer cgk_nope' } });
    expect(badKey).toMatchObject({ status: 401, cacheControl: NO_STORE });
  });

  it("keeps an answer showing the engagement subgraph's counts for a shorter time", async () => {
    const answer = await ask(url(), `{ article(slug: "${SLUG}") { engagement { views } } }`);
    expect(answer.cacheControl).toBe(
      `public, max-age=30, stale-while-revalidate=${config.caching.staleWhileRevalidateSeconds}`,
    );
  });

  it('serves the second identical anonymous read from the cache, without asking the content subgraph', async () => {
    const query = `{ article(slug: "${SLUG}") { title } hitAfterMiss: __typename }`;
    const before = await scrapeMetrics(url());
    const first = await ask(url(), query, { method: 'GET' });
    const subgraphRequests = stack.proxies.content.seen.length;
    const second = await ask(url(), query, { method: 'GET' });
    expect([first.xCache, second.xCache]).toEqual(['MISS', 'HIT']);
    expect(stack.proxies.content.seen.length).toBe(subgraphRequests);
    expect(second).toMatchObject({ data: first.data, cacheControl: PUBLIC });
    const after = await scrapeMetrics(url());
    const count = (result: string) =>
      after.value('graphql_gateway_response_cache_requests_total', { result }) -
      before.value('graphql_gateway_response_cache_requests_total', { result });
    expect([count('miss'), count('hit')]).toEqual([1, 1]);
  });

  it('never serves an anonymous answer to a key holder, nor a key holder’s to an anonymous caller', async () => {
    const draft = await write(url(), editor, CREATE, { input: draftInput() });
    const query = '{ articles(first: 100) { edges { node { slug } } } keyOrNot: __typename }';
    const slugs = (answer: Answer) => answer.data.articles.edges.map((edge: any) => edge.node.slug);
    await ask(url(), query);
    expect((await ask(url(), query)).xCache).toBe('HIT');
    const seen = stack.proxies.content.seen.length;
    const forEditor = await ask(url(), query, { headers: editor });
    expect(stack.proxies.content.seen.length).toBeGreaterThan(seen);
    expect(slugs(forEditor)).toContain(draft.createArticle.slug);
    const anonymous = await ask(url(), query);
    expect(anonymous.xCache).toBe('HIT');
    expect(slugs(anonymous)).not.toContain(draft.createArticle.slug);
  });

  /** Reads `query` twice (the second a hit), runs the write, and answers the next anonymous read. */
  const afterWrite = async (
    query: string,
    variables: Record<string, unknown>,
    change: () => Promise<unknown>,
  ): Promise<Answer> => {
    await ask(url(), query, { variables });
    expect((await ask(url(), query, { variables })).xCache).toBe('HIT');
    await change();
    const next = await ask(url(), query, { variables });
    expect(next.xCache).toBe('MISS');
    return next;
  };

  it('shows each kind of article write on the next anonymous read: publish, update, unpublish, archive, delete', async () => {
    const { createArticle: draft } = await write(url(), editor, CREATE, { input: draftInput() });
    const page = { slug: draft.slug };
    const onFrontPage = (answer: Answer) =>
      answer.data.articles.edges.some((edge: any) => edge.node.slug === draft.slug);
    const move = (mutation: 'publishArticle' | 'unpublishArticle' | 'archiveArticle') => () =>
      write(url(), editor, MOVE(mutation), { id: draft.id });

    expect((await afterWrite(ARTICLE_PAGE, page, move('publishArticle'))).data.article.title).toBe(draft.title);
    expect((await afterWrite(ARTICLE_PAGE, page, move('unpublishArticle'))).data.article).toBeNull();
    expect(onFrontPage(await afterWrite(FRONT_PAGE, {}, move('publishArticle')))).toBe(true);
    const updated = await afterWrite(ARTICLE_PAGE, page, async () => {
      const { article } = await ask(url(), `{ article(slug: "${draft.slug}") { version } }`, { headers: editor }).then(
        (answer) => answer.data,
      );
      await write(url(), editor, UPDATE_TITLE, {
        input: { id: draft.id, version: article.version, title: 'Retitled' },
      });
    });
    expect(updated.data.article.title).toBe('Retitled');
    expect(onFrontPage(await afterWrite(FRONT_PAGE, {}, move('archiveArticle')))).toBe(false);
    await move('publishArticle')();
    const deleted = await afterWrite(ARTICLE_PAGE, page, () => write(url(), editor, DELETE, { id: draft.id }));
    expect(deleted.data.article).toBeNull();
  });

  it('shows an edit of a source, a photo or a region on the next anonymous read of an article using it', async () => {
    const page = { slug: SLUG };
    const source = await afterWrite(ARTICLE_PAGE, page, () =>
      write(url(), editor, 'mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { id } }', {
        input: { id: ids.sources.sputnik, name: 'Sputnik (renamed)' },
      }),
    );
    expect(source.data.article.sources.map((s: any) => s.name)).toContain('Sputnik (renamed)');
    const photo = await afterWrite(ARTICLE_PAGE, page, () =>
      write(url(), editor, 'mutation ($input: UpdatePhotoInput!) { updatePhoto(input: $input) { id } }', {
        input: { id: ids.photos[0], caption: 'A new caption' },
      }),
    );
    expect(photo.data.article.photos[0].caption).toBe('A new caption');
    const region = await afterWrite(ARTICLE_PAGE, page, () =>
      write(url(), editor, 'mutation ($input: UpdateRegionInput!) { updateRegion(input: $input) { id } }', {
        input: { id: ids.regions['KZ-47'], name: 'Mangystau Region' },
      }),
    );
    expect(region.data.article.regions.map((r: any) => r.name)).toContain('Mangystau Region');
  });

  it('answers variables too deep to key uncached, with the error the gateway gives them', async () => {
    const nested = '{"regionCode":'.repeat(10_000) + '"x"' + '}'.repeat(10_000);
    const query = JSON.stringify('query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }');
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${query},"variables":{"f":${nested}}}`,
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.headers.get('cache-control')).toBe(NO_STORE);
  });

  it('is emptied by a mutation whose answer is null although a field of it wrote (a later field failed)', async () => {
    const { createArticle: draft } = await write(url(), editor, CREATE, { input: draftInput() });
    await write(url(), editor, MOVE('publishArticle'), { id: draft.id });
    const page = { slug: draft.slug };
    await ask(url(), ARTICLE_PAGE, { variables: page });
    expect((await ask(url(), ARTICLE_PAGE, { variables: page })).xCache).toBe('HIT');
    // `gone` fails on an id that does not exist: `data` is null, yet `done` has unpublished the article.
    const both = await ask(
      url(),
      'mutation ($id: ID!) { done: unpublishArticle(id: $id) { id } gone: unpublishArticle(id: "QXJ0aWNsZTo5OTk5OTk=") { id } }',
      { variables: { id: draft.id }, headers: editor },
    );
    expect(both.data).toBeNull();
    const next = await ask(url(), ARTICLE_PAGE, { variables: page });
    expect(next.xCache).toBe('MISS');
    expect(next.data.article).toBeNull();
  });
});

const UPDATE_TITLE = 'mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { id } }';

describe('the response cache shared through Redis by two gateways', () => {
  let redis: PrivateRedis;
  let connections: SharedRedis[];
  let first: FederatedStack;
  let second: FederatedStack;
  let editor: Headers;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    connections = [
      connectRedis(redis.url, serviceLogger('gateway')),
      connectRedis(redis.url, serviceLogger('gateway')),
    ];
    await until(() => connections.every((connection) => connection.ready));
    first = await startFederatedStack({ gateway: { redis: connections[0], caching: config.caching } });
    second = await startFederatedStack({
      content: first.content,
      gateway: { redis: connections[1], caching: config.caching },
    });
    editor = (await headersByRole(first.content)).editor;
  });
  afterAll(async () => {
    await second.stopAllButContent();
    await first.stop();
    await Promise.all(connections.map((connection) => connection.close()));
    await redis.stop();
  });

  it("serves one gateway's answer from the other, and a write through one removes it from both", async () => {
    const query = `{ article(slug: "${SLUG}") { title } shared: __typename }`;
    expect((await ask(first.gateway.url, query)).xCache).toBe('MISS');
    expect((await ask(second.gateway.url, query)).xCache).toBe('HIT');
    const { article } = (
      await ask(first.gateway.url, `{ article(slug: "${SLUG}") { id version } }`, { headers: editor })
    ).data;
    await write(first.gateway.url, editor, UPDATE_TITLE, {
      input: { id: article.id, version: article.version, title: 'Written through the first' },
    });
    const next = await ask(second.gateway.url, query);
    expect(next).toMatchObject({ xCache: 'MISS', data: { article: { title: 'Written through the first' } } });
  });

  it('answers every request while Redis is stopped, uncached, and caches again once it is back', async () => {
    const query = `{ article(slug: "${SLUG}") { title } outage: __typename }`;
    await ask(first.gateway.url, query);
    expect((await ask(first.gateway.url, query)).xCache).toBe('HIT');
    await redis.stop();
    const before = await scrapeMetrics(first.gateway.url);
    for (let i = 0; i < 3; i += 1) {
      const answer = await ask(first.gateway.url, query);
      expect(answer).toMatchObject({ status: 200, xCache: 'MISS', cacheControl: PUBLIC });
      expect(answer.data.article.title).toBeTruthy();
    }
    const unavailable = (await scrapeMetrics(first.gateway.url)).value(
      'graphql_gateway_response_cache_requests_total',
      {
        result: 'unavailable',
      },
    );
    expect(unavailable - before.value('graphql_gateway_response_cache_requests_total', { result: 'unavailable' })).toBe(
      3,
    );
    await redis.start();
    await until(() => connections[0].ready);
    await ask(first.gateway.url, query);
    expect((await ask(first.gateway.url, query)).xCache).toBe('HIT');
  });
});

/** Waits for a condition the test cannot be told about (a reconnection), checking every 50 ms. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
