import { EngagementStore, sampleEngagement } from '../src/subgraphs/engagement/engagement.store';
import { CREATE, draftInput, headersByRole, ok } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startTestServer } from './support/server';

const SAMPLE = 'whats-happening-in-kazakhstan';
let stack: FederatedStack;
let editor: Record<string, string>;
let draft: { id: string; slug: string };

/** The sample content, plus a draft that the engagement service lists as most viewed. */
beforeAll(async () => {
  const content = await startTestServer();
  editor = (await headersByRole(content)).editor;
  draft = (await ok(content, editor, CREATE, { input: draftInput() })).createArticle;
  const engagementStore = new EngagementStore({
    ...sampleEngagement,
    articles: { ...sampleEngagement.articles, [draft.slug]: { views: 99_999, shares: 0, comments: 0 } },
  });
  stack = await startFederatedStack({ content, engagementStore });
});
afterAll(() => stack?.stop());

describe('one query, both subgraphs', () => {
  it('answers content fields and the engagement example for the sample article', async () => {
    const { data, errors } = await stack.query(
      `query ($slug: String!) {
        article(slug: $slug) {
          title
          body
          sources { name }
          regions { code followers }
          engagement { views shares comments }
          readingTimeMinutes
        }
      }`,
      { slug: SAMPLE },
    );
    expect(errors).toBeUndefined();
    const article = data!.article;
    expect(article.title).toBe('What’s happening in Kazakhstan?');
    expect(article.sources.map((source: any) => source.name)).toContain('Foreign Policy');
    expect(article.engagement).toEqual({ views: 18_240, shares: 412, comments: 37 });
    expect(article.regions).toContainEqual({ code: 'KZ', followers: 5_130 });
    // @requires: the engagement service computed it from the body the gateway fetched from content.
    const words = article.body.split(/\s+/).filter(Boolean).length;
    expect(article.readingTimeMinutes).toBe(Math.max(1, Math.round(words / 230)));
  });

  it('starts in the engagement subgraph and completes the articles from content', async () => {
    const { data, errors } = await stack.query(`{ trendingArticles(first: 5) { slug title url } }`);
    // The draft is the most viewed, but an anonymous caller may not see it: its entry is null.
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      path: ['trendingArticles', 0, 'title'],
      extensions: { code: 'NOT_FOUND' },
      message: expect.stringContaining('Article.title is not available'),
    });
    expect(data!.trendingArticles).toEqual([
      null,
      {
        slug: SAMPLE,
        title: 'What’s happening in Kazakhstan?',
        url: 'https://news.example.org/articles/whats-happening-in-kazakhstan',
      },
    ]);
  });
});

describe('headers reach the subgraphs', () => {
  const seenSince = (from: { content: number; engagement: number }) => ({
    content: stack.proxies.content.seen.slice(from.content),
    engagement: stack.proxies.engagement.seen.slice(from.engagement),
  });
  const mark = () => ({ content: stack.proxies.content.seen.length, engagement: stack.proxies.engagement.seen.length });
  const BOTH = `{ trendingArticles(first: 5) { slug title } }`;

  it('forwards authorization, so the subgraph sees the caller: an editor gets the draft', async () => {
    const from = mark();
    const { data, errors } = await stack.query(BOTH, {}, { ...editor, 'x-request-id': 'req-federation-1' });
    expect(errors).toBeUndefined();
    expect(data!.trendingArticles[0]).toEqual({ slug: draft.slug, title: expect.any(String) });
    const seen = seenSince(from);
    expect(seen.content.length).toBeGreaterThan(0);
    expect(seen.engagement.length).toBeGreaterThan(0);
    for (const headers of [...seen.content, ...seen.engagement]) {
      expect(headers.authorization).toBe(editor.authorization);
      expect(headers['x-request-id']).toBe('req-federation-1');
    }
  });

  it('gives a request without an id one id, the same in every subgraph and in the response', async () => {
    const from = mark();
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: BOTH }),
    });
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id');
    expect(id).toBeTruthy();
    const seen = seenSince(from);
    for (const headers of [...seen.content, ...seen.engagement]) {
      expect(headers['x-request-id']).toBe(id);
      expect(headers.authorization).toBeUndefined();
    }
  });

  it('refuses a bad key with 401 and the content service’s reason, before any subgraph runs the operation', async () => {
    const from = mark();
    const { status, data, errors } = await stack.query(
      `{ article(slug: "${SAMPLE}") { title } }`,
      {},
      {
        authorization: 'Bearer not-a-key',
      },
    );
    expect(status).toBe(401);
    expect(data?.article ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      message: expect.stringMatching(/malformed/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The one request content saw is the key check itself.
    expect(seenSince(from).content).toHaveLength(1);
    expect(seenSince(from).engagement).toHaveLength(0);
  });
});

describe('the gateway process', () => {
  it('answers GET /health', async () => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('limits at the gateway', () => {
  it('refuses a query too deep before asking any subgraph', async () => {
    const from = stack.proxies.content.seen.length;
    const deep = 'parent { '.repeat(12) + 'code' + ' }'.repeat(12);
    const { data, errors } = await stack.query(`{ region(code: "KZ-47") { ${deep} } }`);
    expect(data ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].message).toMatch(/depth limit of 12/i);
    expect(errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(stack.proxies.content.seen.length).toBe(from);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: sources { name }`).join(' ');
    const { errors } = await stack.query(`{ ${aliases} }`);
    expect(errors![0].message).toMatch(/aliases limit of 30/i);
  });
});
