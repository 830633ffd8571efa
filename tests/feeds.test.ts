import sax from 'sax';
import { headersByRole, ok } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';

/**
 * Atom and JSON Feed per region and per label at the gateway, with conditional GET, on the sample:
 * one published article about Almaty (so in Kazakhstan's and Central Asia's feeds), labelled
 * "Newsletter Exclusive", with four agency photos no partner may republish.
 */
let stack: FederatedStack;
let roles: Awaited<ReturnType<typeof headersByRole>>;

beforeAll(async () => {
  stack = await startFederatedStack();
  roles = await headersByRole(stack.content);
});
afterAll(() => stack?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${stack.gateway.port}${path}`, { headers });

describe('feeds', () => {
  it('a region’s Atom feed lists the articles about it and the regions below it, newest first', async () => {
    const response = await get('/feeds/regions/central-asia.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('<title>Articles about Central Asia</title>');
    expect(xml).toContain('What’s happening in Kazakhstan?');
    expect(xml).toContain('/articles/whats-happening-in-kazakhstan');
    expect(xml).toContain('<name>Mălina Mîndruțescu</name>');
  });

  it('a label’s JSON Feed lists its articles, and a partner’s leaves out pictures it may not republish', async () => {
    const path = `/feeds/labels/${encodeURIComponent('Newsletter Exclusive')}.json`;
    const response = await get(path);
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = await response.json();
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\//);
    expect(feed.title).toBe('Articles labelled Newsletter Exclusive');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: 'What’s happening in Kazakhstan?',
      image: expect.stringMatching(/^https:/),
    });

    const partner = await (await get(path, roles.partner)).json();
    expect(partner.items).toHaveLength(1);
    expect(partner.items[0].image).toBeUndefined();
  });

  it('answers 304 to a reader whose copy is current, and the new feed once an article changes', async () => {
    const first = await get('/feeds/regions/KZ.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();

    const byTag = await get('/feeds/regions/KZ.atom', { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect((await get('/feeds/regions/KZ.atom', { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
    // Only the tag decides: a feed also changes when an entry leaves it, which no date shows.
    expect((await get('/feeds/regions/KZ.atom', { 'if-modified-since': lastModified })).status).toBe(200);

    const { article } = await ok(
      stack.content,
      {},
      `{ article(slug: "whats-happening-in-kazakhstan") { id version } }`,
    );
    await ok(
      stack.content,
      roles.editor,
      `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { id } }`,
      {
        input: { id: article.id, version: article.version, title: 'What happened in Kazakhstan' },
      },
    );
    // Through the gateway, so its response cache hears of the write.
    await stack.query(`mutation ($id: ID!) { unpublishArticle(id: $id) { id } }`, { id: article.id }, roles.editor);
    await stack.query(`mutation ($id: ID!) { publishArticle(id: $id) { id } }`, { id: article.id }, roles.editor);
    const changed = await get('/feeds/regions/KZ.atom', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('What happened in Kazakhstan');
  });

  it('stays well-formed, and text stays text, whatever an article says', async () => {
    // No byline, markup-like words, a control character and an odd label: all allowed in articles.
    const kz = (await ok(stack.content, {}, `{ region(code: "KZ") { id } }`)).region.id;
    const { createArticle } = await ok(
      stack.content,
      roles.editor,
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`,
      {
        input: {
          slug: 'feed-oddities',
          title: 'Why <b>bold</b> & \u001b stay text',
          summary: 'A summary with <img src=x onerror=alert(1)>',
          body: 'Body.',
          language: 'en',
          label: 'R&D <x>',
          regionIds: [kz],
        },
      },
    );
    await stack.query(`mutation ($id: ID!) { publishArticle(id: $id) { id } }`, { id: createArticle.id }, roles.editor);
    for (const path of ['/feeds/regions/KZ.atom', `/feeds/labels/${encodeURIComponent('R&D <x>')}.atom`]) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(() => parseStrictly(xml)).not.toThrow();
      expect(xml).toContain('<![CDATA[Why &lt;b&gt;bold&lt;/b&gt; &amp;  stay text]]>');
      expect(xml).not.toContain('<img');
    }
    const json = await (await get('/feeds/regions/KZ.json')).json();
    const entry = json.items.find((item: { title: string }) => item.title.startsWith('Why'));
    expect(entry.title).toBe('Why <b>bold</b> &  stay text');
    expect(entry.content_html).toBe('A summary with &lt;img src=x onerror=alert(1)&gt;');
    expect(entry.author).toBeUndefined();
  });

  it('answers 404 for a region that does not exist, and an empty feed for a label no article has', async () => {
    const missing = await get('/feeds/regions/atlantis.json');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no region with the code "atlantis"');
    const empty = await (await get('/feeds/labels/Nothing%20yet.json')).json();
    expect(empty.items).toEqual([]);
    expect((await get('/feeds/regions/%E0%A4%A.atom')).status).toBe(400);
  });
});

/** Parses XML as a strict parser does (a feed reader's): throws on anything not well-formed. */
function parseStrictly(xml: string): void {
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
}
