import { Article } from '../src/article/article.entity';
import { MAX_RANKED } from '../src/search/search.query';
import { RARE_WORDS } from '../src/seed/generated-words';
import { CREATE, draftInput, headersByRole, MOVE, ok, onlyError, UPDATE } from './support/editorial';
import { insertWhileServing, walkPages } from './support/generated';
import { startTestServer, TestServer } from './support/server';

/**
 * Full-text search through the public API, on each database: what a reader typing into a search
 * box relies on. The articles are written through the editorial mutations, so the index is the
 * one every write keeps.
 */
let server: TestServer;
let editor: Record<string, string>;
const ids: Record<string, string> = {};

const SEARCH = /* GraphQL */ `
  query ($query: String!, $first: Int, $after: String, $filter: ArticleFilter) {
    search(query: $query, first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          score
          snippet
          article {
            slug
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

async function publish(name: string, fields: Record<string, unknown>, options: { draft?: boolean } = {}) {
  const input = draftInput({ slug: `search-${name}`, ...fields });
  const { createArticle } = await ok(server, editor, CREATE, { input });
  ids[name] = createArticle.id;
  if (!options.draft) await ok(server, editor, MOVE('publishArticle'), { id: createArticle.id });
}

/** Slugs of the hits for `query`, in order, as an anonymous reader sees them. */
async function hits(query: string, variables: Record<string, unknown> = {}, headers = {}): Promise<string[]> {
  const data = await ok(server, headers, SEARCH, { query, first: 100, ...variables });
  return data.search.edges.map((edge: any) => edge.node.article.slug.replace(/^search-/, ''));
}

const snippetOf = async (query: string, name: string): Promise<string> => {
  const data = await ok(server, {}, SEARCH, { query, first: 100 });
  return data.search.edges.find((edge: any) => edge.node.article.slug === `search-${name}`).node.snippet;
};

beforeAll(async () => {
  server = await startTestServer({ sample: false });
  editor = (await headersByRole(server)).editor;
  await publish('gas-title', {
    title: 'Gas prices rise in Chișinău',
    body: 'The city council met on Monday. Heating will cost more this winter.',
  });
  await publish('gas-body', {
    title: 'Energy weekly',
    summary: 'Our roundup of the week.',
    body: 'Gas storage is full. Gas imports fell. The gas market is calm, and gas traders wait.',
  });
  await publish('sisteme', {
    title: 'Sistemele energetice ale Moldovei',
    body: 'Proteste la Tbilisi. Guvernul de la Chişinău (scris cu sedilă) discută prețul gazului.',
    language: 'ro',
  });
  await publish('protests', {
    title: 'Weekend in Almaty',
    body: 'Thousands of protesters gathered; the protests continued and a state of emergency was declared.',
  });
  await publish('emergency-words', {
    title: 'Words apart',
    body: 'An emergency meeting of the state council took place.',
  });
  await publish('markup', {
    title: 'Why <script> tags & "quotes" stay text',
    body: 'Nothing here but the markup example.',
  });
  await publish('draft', { title: 'Zanzibarium exclusive', body: 'Not yet out.' }, { draft: true });
});
afterAll(() => server?.stop());

describe('search matches words in any form', () => {
  it('ignores diacritics and case, and treats ș/ş and ț/ţ (comma and cedilla) as one letter', async () => {
    expect((await hits('chisinau')).sort()).toEqual(['gas-title', 'sisteme']);
    // The query with the cedilla ş finds the title written with the comma ș, and the other way round.
    expect((await hits('CHIŞINĂU')).sort()).toEqual(['gas-title', 'sisteme']);
    expect((await hits('Chișinău')).sort()).toEqual(['gas-title', 'sisteme']);
    expect(await hits('pretul')).toEqual(['sisteme']);
    expect(await hits('preţul')).toEqual(['sisteme']);
  });

  it('reads text in decomposed form (a letter and its mark) and letters such as ß as the words they are', async () => {
    await publish('decomposed', {
      title: 'Încălzirea din Bălți'.normalize('NFD'),
      body: 'Die Straße nach Bălți.'.normalize('NFD'),
      language: 'ro',
    });
    expect(await hits('balti')).toEqual(['decomposed']);
    expect(await hits('Încălzirea')).toEqual(['decomposed']);
    expect(await hits('strasse')).toEqual(['decomposed']);
    expect((await snippetOf('balti', 'decomposed')).normalize('NFC')).toBe('Încălzirea din <mark>Bălți</mark>');
  });

  it('stems Romanian articles as Romanian and English ones as English', async () => {
    expect(await hits('sisteme')).toEqual(['sisteme']);
    expect(await hits('gaz')).toEqual(['sisteme']);
    // "protest" is a Romanian word too: the stem of "Proteste".
    expect((await hits('protest')).sort()).toEqual(['protests', 'sisteme']);
    expect(await hits('protesters')).toEqual(['protests']);
    expect(await hits('continues')).toEqual(['protests']);
  });

  it('ranks a title hit above body hits, however many', async () => {
    const data = await ok(server, {}, SEARCH, { query: 'gas', first: 10 });
    const edges = data.search.edges;
    expect(edges.map((edge: any) => edge.node.article.slug)).toEqual(['search-gas-title', 'search-gas-body']);
    expect(edges[0].node.score).toBeGreaterThan(edges[1].node.score);
    expect(data.search.totalCount).toBe(2);
  });

  it('matches "quoted words" as a phrase, excludes -words, and takes `or` for either', async () => {
    expect((await hits('state emergency')).sort()).toEqual(['emergency-words', 'protests']);
    expect(await hits('"state of emergency"')).toEqual(['protests']);
    expect(await hits('gas -chisinau')).toEqual(['gas-body']);
    expect(await hits('emergency -"state of emergency"')).toEqual(['emergency-words']);
    expect((await hits('Almaty or Tbilisi')).sort()).toEqual(['protests', 'sisteme']);
    // `or` joins two words to look for, never a word and an exclusion (PostgreSQL's own reading
    // of "gas or -chisinau" would be "gas, or anything without chisinau").
    expect(await hits('gas or -chisinau')).toEqual(['gas-body']);
    expect(await hits('zzzz or -zzzz')).toEqual([]);
  });
});

describe('snippets', () => {
  it('mark the words found, as they are written in the article', async () => {
    expect(await snippetOf('chisinau', 'gas-title')).toBe('Gas prices rise in <mark>Chișinău</mark>');
    const body = await snippetOf('traders', 'gas-body');
    expect(body).toContain('gas <mark>traders</mark> wait.');
    expect(body).not.toContain('Energy weekly');
    expect(await snippetOf('guvernul', 'sisteme')).toContain('<mark>Guvernul</mark> de la Chişinău');
  });

  it('are escaped HTML: the only tags in them are the marks', async () => {
    expect(await snippetOf('quotes', 'markup')).toBe(
      'Why &lt;script&gt; tags &amp; &quot;<mark>quotes</mark>&quot; stay text',
    );
  });
});

describe('what search shows, and to whom', () => {
  it('shows drafts only to the newsroom', async () => {
    expect(await hits('zanzibarium')).toEqual([]);
    expect(await hits('zanzibarium', {}, editor)).toEqual(['draft']);
  });

  it('applies the filters of articles', async () => {
    expect(await hits('chisinau', { filter: { language: 'ro' } })).toEqual(['sisteme']);
    expect(await hits('chisinau', { filter: { language: 'en' } })).toEqual(['gas-title']);
  });

  it('finds an article by its new words as soon as the edit is saved, and no longer by the old ones', async () => {
    const { updateArticle } = await ok(server, editor, UPDATE, {
      input: { id: ids['emergency-words'], version: 2, title: 'Flood warning' },
    });
    expect(updateArticle.title).toBe('Flood warning');
    expect(await hits('flood')).toEqual(['emergency-words']);
    expect(await hits('apart')).toEqual([]);
  });
});

describe('the index is part of the write', () => {
  it('rolls back with the transaction that changed the article', async () => {
    const rollback = new Error('rolled back on purpose');
    await expect(
      server.database.dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .update(Article)
          .set({ title: 'Quixotically renamed' })
          .where({ slug: 'search-gas-body' })
          .execute();
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await hits('quixotically')).toEqual([]);
    expect(await hits('energy weekly')).toEqual(['gas-body']);
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    // Eight articles with the word a different number of times: eight different scores, and two ties.
    for (let index = 0; index < 8; index += 1) {
      const repeated = Array.from({ length: 1 + (index % 6) }, () => 'meridian').join(' ');
      await publish(`page-${index}`, { title: `Page ${index}`, body: `${repeated} and other words here.` });
    }
  });

  it('walks every hit once, in the order of one long page, and cursors belong to their query', async () => {
    const all = await hits('meridian');
    expect(all).toHaveLength(8);
    const walked: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data = await ok(server, {}, SEARCH, { query: 'meridian', first: 3, after });
      walked.push(...data.search.edges.map((edge: any) => edge.node.article.slug.replace(/^search-/, '')));
      if (!data.search.pageInfo.hasNextPage) break;
      after = data.search.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);

    const first = await ok(server, {}, SEARCH, { query: 'meridian', first: 3 });
    const elsewhere = await server.query(SEARCH, {
      query: 'meridian words',
      first: 3,
      after: first.search.pageInfo.endCursor,
    });
    expect(onlyError(elsewhere)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('runs as many statements for a page of 1 as for a page of 8', async () => {
    const statements = async (first: number) => {
      const response = await server.query(SEARCH, { query: 'meridian', first });
      expect(response.data!.search.edges).toHaveLength(first);
      return response.extensions!.queryStats!.sqlStatements;
    };
    expect(await statements(8)).toBe(await statements(1));
  });
});

describe('articles written in bulk, outside the mutations', () => {
  /** Every hit of `query`, page after page. */
  const allHits = async (query: string) => {
    const { nodes, pages } = await walkPages(server, SEARCH, { query, first: 100 }, (data) => data.search);
    return { slugs: nodes.map((node) => node.article.slug), totalCount: pages[0].totalCount };
  };
  let published: { slug: string; words: string[] }[];

  beforeAll(async () => {
    await insertWhileServing(server.database.dataSource, {
      articles: 800,
      sources: 5,
      regionFanout: [1, 1, 2, 1],
      bodyBytes: 400,
      draftEvery: 5,
    });
    // The oracle: every published article, newest first, with the words of its texts.
    const { nodes } = await walkPages(
      server,
      `query ($after: String) { articles(first: 100, after: $after) {
         edges { node { slug title summary body } } pageInfo { hasNextPage endCursor } } }`,
      {},
      (data) => data.articles,
    );
    published = nodes.map((a) => ({
      slug: a.slug,
      words: `${a.title} ${a.summary ?? ''} ${a.body}`.toLowerCase().split(/[^a-z]+/),
    }));
  });

  it('are found for each word their bodies have, like every other article', async () => {
    let checked = 0;
    for (const word of RARE_WORDS.slice(0, 40)) {
      const expected = published.filter((a) => a.words.includes(word)).map((a) => a.slug);
      if (expected.length === 0 || expected.length > MAX_RANKED) continue;
      const { slugs, totalCount } = await allHits(word);
      expect(slugs.sort()).toEqual(expected.sort());
      expect(totalCount).toBe(expected.length);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('are filtered by region like the articles list, the tree below the region included', async () => {
    const { nodes } = await walkPages(
      server,
      `query ($after: String) { articles(first: 100, after: $after, filter: { regionCode: "gen-2-1" }) {
         edges { node { slug } } pageInfo { hasNextPage endCursor } } }`,
      {},
      (data) => data.articles,
    );
    const inRegion = new Set(nodes.map((node) => node.slug));
    const word = RARE_WORDS[3];
    const expected = published.filter((a) => a.words.includes(word) && inRegion.has(a.slug)).map((a) => a.slug);
    expect(expected.length).toBeGreaterThan(5);
    const { nodes: found } = await walkPages(
      server,
      SEARCH,
      { query: word, first: 100, filter: { regionCode: 'gen-2-1' } },
      (data) => data.search,
    );
    expect(found.map((hit) => hit.article.slug).sort()).toEqual(expected.sort());
  });

  it(`rank the newest ${MAX_RANKED} of more matches, and count them all`, async () => {
    const expected = published.filter((a) => a.words.includes('energy')).map((a) => a.slug);
    expect(expected.length).toBeGreaterThan(MAX_RANKED);
    const { slugs, totalCount } = await allHits('energy');
    expect(totalCount).toBe(expected.length);
    expect(slugs.sort()).toEqual(expected.slice(0, MAX_RANKED).sort());
  });
});

describe('queries that cannot be searched are refused with what to change', () => {
  it.each([
    ['', 'no word to look for'],
    ['-gas -oil', 'only excludes words'],
    ['"" - !!', 'no word to look for'],
    ['word '.repeat(70), 'at most 300 characters'],
    [Array.from({ length: 11 }, (_, index) => `w${index}`).join(' '), 'at most 10 words'],
    ['½ ² ①', 'no word to look for'],
  ])('%j', async (query, message) => {
    const error = onlyError(await server.query(SEARCH, { query }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(error.message).toContain(message);
  });

  it('takes FTS5 and tsquery syntax as words, not as syntax', async () => {
    for (const query of ['NEAR(gas traders)', 'gas AND traders', 'gas & !traders', 'title:gas', 'gas*', "gas'"]) {
      const response = await server.query(SEARCH, { query });
      expect(response.errors).toBeUndefined();
    }
    expect((await hits('gas*')).sort()).toEqual(['gas-body', 'gas-title']);
  });
});
