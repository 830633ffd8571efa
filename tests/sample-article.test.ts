import { readFileSync } from 'node:fs';
import { startTestServer, TestServer } from './support/server';

/**
 * The sample is not written by hand: the content service imports the page in fixtures/ into an
 * empty database, and serves what the importer made of it (what it must make is in the page's
 * .expected.json, which tests/importer-fixtures.test.ts checks on the importer alone).
 */
const expected = JSON.parse(readFileSync('fixtures/kazakhstan-unrest-2022.expected.json', 'utf8')) as {
  regions: string[];
  sources: string[];
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const ARTICLE_PAGE = /* GraphQL */ `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      id
      slug
      title
      summary
      body
      language
      label
      byline
      status
      version
      publishedAt
      updatedAt
      url
      sources {
        id
        slug
        name
        kind
        url
        stateAffiliated
        country {
          code
        }
      }
      citations {
        position
        context
        source {
          slug
        }
      }
      photos {
        id
        url
        caption
        altText
        creditLine
        credit {
          name
          kind
        }
      }
      regions {
        id
        code
        name
        kind
        parent {
          code
        }
        children {
          code
        }
        ancestors {
          code
        }
      }
    }
  }
`;

describe('the sample article', () => {
  it('is served with the text, byline and label of the page it came from', async () => {
    const { data, errors } = await server.query(ARTICLE_PAGE, { slug: 'whats-happening-in-kazakhstan' });
    expect(errors).toBeUndefined();
    const article = data!.article;
    expect(article).toMatchObject({
      title: 'What’s happening in Kazakhstan?',
      byline: ['Mălina Mîndruțescu'],
      label: 'Newsletter Exclusive',
      language: 'en',
      status: 'PUBLISHED',
      // Created, then published, by the one import.
      version: 2,
      // The page gives no date: the sample is imported with the one the seed gives it.
      publishedAt: '2022-01-10T08:00:00.000Z',
      url: 'https://news.example.org/articles/whats-happening-in-kazakhstan',
    });
    expect(article.body.startsWith('It is difficult to unpack the series of events')).toBe(true);
    expect(article.body).toContain('\n\npetroleum gas (LPG) from 60 tenge per liter');
    for (const boilerplate of [
      'Verifica Menajeria',
      '#Te-ar mai putea interesa',
      'Photo source',
      'True Story Project analyses',
    ]) {
      expect(article.body).not.toContain(boilerplate);
    }
  });

  it('cites its sources in order of first citation, with the words that cite them', async () => {
    const { data } = await server.query(ARTICLE_PAGE, { slug: 'whats-happening-in-kazakhstan' });
    const { sources, citations } = data!.article;
    expect(sources.map((s: { name: string }) => s.name)).toEqual([
      'Foreign Policy',
      'Sputnik',
      'The Guardian',
      'Al Jazeera',
    ]);
    expect(sources.map((s: { slug: string }) => s.slug)).toEqual(expected.sources);
    expect(sources.find((s: { slug: string }) => s.slug === 'sputnik')).toMatchObject({
      stateAffiliated: true,
      country: { code: 'RU' },
    });
    expect(citations[0]).toEqual({
      position: 1,
      context: expect.stringContaining('states Foreign Policy'),
      source: { slug: 'foreign-policy' },
    });
  });

  it('shows four photos in page order, the last with no credit', async () => {
    const { data } = await server.query(ARTICLE_PAGE, { slug: 'whats-happening-in-kazakhstan' });
    const photos = data!.article.photos;
    expect(photos.map((p: { credit: { name: string } | null }) => p.credit?.name ?? null)).toEqual([
      'Getty Images',
      'TASS',
      'Reuters',
      null,
    ]);
    expect(photos.map((p: { creditLine: string | null }) => p.creditLine)).toEqual([
      'Photo source: Getty Images',
      'Photo source: TASS',
      'Photo source: Reuters',
      null,
    ]);
    expect(photos[1]).toMatchObject({ altText: 'trupe rusesti de securitate', credit: { kind: 'NEWS_AGENCY' } });
  });

  it('is about Kazakhstan, Mangystau and Almaty inside it, Russia, Moscow and China', async () => {
    const { data } = await server.query(ARTICLE_PAGE, { slug: 'whats-happening-in-kazakhstan' });
    const regions = data!.article.regions;
    expect(regions.map((r: { code: string }) => r.code).sort()).toEqual(
      ['CN', 'KZ', 'KZ-47', 'KZ-75', 'RU', 'RU-MOW'].sort(),
    );
    expect(regions.map((r: { code: string }) => r.code).sort()).toEqual([...expected.regions].sort());
    // "a university in Moscow": a city, inside Russia.
    expect(regions.find((r: { code: string }) => r.code === 'RU-MOW')).toMatchObject({
      name: 'Moscow',
      kind: 'CITY',
      parent: { code: 'RU' },
    });
    const mangystau = regions.find((r: { code: string }) => r.code === 'KZ-47');
    expect(mangystau).toMatchObject({ name: 'Mangystau', kind: 'PROVINCE', parent: { code: 'KZ' } });
    expect(mangystau.ancestors.map((r: { code: string }) => r.code)).toEqual(['KZ', 'central-asia', 'asia']);
    const kazakhstan = regions.find((r: { code: string }) => r.code === 'KZ');
    expect(kazakhstan.children.map((r: { code: string }) => r.code)).toEqual(['KZ-75', 'KZ-47']);
  });
});
