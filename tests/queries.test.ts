import { startTestServer, TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('every query of the contract answers on the sample', () => {
  it('node resolves each type by its global id', async () => {
    const { data } = await server.query(`{
      article(slug: "whats-happening-in-kazakhstan") { id photos { id } sources { id } regions { id } }
    }`);
    const { id, photos, sources, regions } = data!.article;
    const ids = [id, photos[0].id, sources[0].id, regions[0].id];
    const { data: nodes, errors } = await server.query(
      `{ ${ids.map((nodeId, i) => `n${i}: node(id: "${nodeId}") { __typename id }`).join(' ')} }`,
    );
    expect(errors).toBeUndefined();
    expect(Object.values(nodes!).map((n: any) => [n.__typename, n.id])).toEqual([
      ['Article', ids[0]],
      ['Photo', ids[1]],
      ['Source', ids[2]],
      ['Region', ids[3]],
    ]);
    const typed = await server.query(`{ node(id: "${ids[0]}") { ... on Article { slug } } }`);
    expect(typed.data!.node).toEqual({ slug: 'whats-happening-in-kazakhstan' });
  });

  it('article, source, photo and region by id answer the same objects as by slug or code', async () => {
    const { data } = await server.query(`{
      article(slug: "whats-happening-in-kazakhstan") { id title photos { id url } }
      source(slug: "tass") { id name kind stateAffiliated url country { name } }
      region(code: "KZ") { id name kind }
    }`);
    const again = await server.query(`{
      article(id: "${data!.article.id}") { title }
      source(id: "${data!.source.id}") { name }
      photo(id: "${data!.article.photos[0].id}") { url caption altText credit { slug } creditLine }
      region(id: "${data!.region.id}") { code }
    }`);
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual({
      article: { title: data!.article.title },
      source: { name: 'TASS' },
      photo: {
        url: data!.article.photos[0].url,
        caption: 'kazakhstan protest',
        altText: 'kazakhstan protest',
        credit: { slug: 'getty-images' },
        creditLine: 'Photo source: Getty Images',
      },
      region: { code: 'KZ' },
    });
    expect(data!.source).toMatchObject({
      kind: 'NEWS_AGENCY',
      stateAffiliated: true,
      url: 'https://tass.com/',
      country: { name: 'Russia' },
    });
    expect(data!.region).toMatchObject({ name: 'Kazakhstan', kind: 'COUNTRY' });
  });

  it('sources lists every source by name, with the articles citing each', async () => {
    const { data } = await server.query('{ sources { slug articles { totalCount edges { node { slug } } } } }');
    expect(data!.sources.map((s: any) => s.slug)).toEqual([
      'al-jazeera',
      'foreign-policy',
      'getty-images',
      'reuters',
      'sputnik',
      'tass',
      'the-guardian',
    ]);
    const cited = data!.sources.filter((s: any) => s.articles.totalCount === 1).map((s: any) => s.slug);
    expect(cited.sort()).toEqual(['al-jazeera', 'foreign-policy', 'sputnik', 'the-guardian']);
  });

  it('regions lists all regions or those of one kind', async () => {
    const all = await server.query('{ regions { code } }');
    // The regions the sample's import made: the places it names and those above them, and the
    // countries of the outlets it cites (and above them).
    expect(all.data!.regions.length).toBe(18);
    const countries = await server.query('{ regions(kind: COUNTRY) { code kind } }');
    expect(countries.data!.regions.map((r: any) => r.code).sort()).toEqual(['CN', 'GB', 'KZ', 'QA', 'RU', 'US']);
  });

  it('region articles include the regions below unless asked not to', async () => {
    const { data } = await server.query(`{
      asia: region(code: "central-asia") { deep: articles { totalCount } own: articles(includeDescendants: false) { totalCount } }
      mangystau: region(code: "KZ-47") { articles(includeDescendants: false) { edges { node { slug } } } }
      europe: region(code: "europe") { articles { totalCount } }
    }`);
    expect(data!.asia).toEqual({ deep: { totalCount: 1 }, own: { totalCount: 0 } });
    expect(data!.mangystau.articles.edges).toEqual([{ node: { slug: 'whats-happening-in-kazakhstan' } }]);
    expect(data!.europe.articles.totalCount).toBe(1);
  });
});
