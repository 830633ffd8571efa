import { Headers, ok, onlyError, SampleIds, startEditorialServer } from './support/editorial';
import { TestServer } from './support/server';

let server: TestServer;
let editor: Headers;
let ids: SampleIds;
beforeAll(async () => {
  ({ server, editor, ids } = await startEditorialServer());
});
afterAll(() => server?.stop());

const SOURCE = 'id slug name kind url stateAffiliated country { code }';
const PHOTO = 'id url caption altText creditLine credit { slug }';
const REGION = 'id code name kind parent { code } ancestors { code }';

describe('an editor keeps sources, photos and regions', () => {
  it('creates a source and renames its slug; the old slug no longer finds it', async () => {
    const { createSource } = await ok(
      server,
      editor,
      `mutation ($country: ID) { createSource(input: { slug: "kaz-news", name: " Kaz News ", kind: NEWS_OUTLET,
         url: "https://kaznews.example.kz", countryId: $country }) { ${SOURCE} } }`,
      { country: ids.regions.KZ },
    );
    expect(createSource).toMatchObject({
      slug: 'kaz-news',
      name: 'Kaz News',
      url: 'https://kaznews.example.kz/', // the URL scalar serialises the normalised form
      stateAffiliated: false,
      country: { code: 'KZ' },
    });

    const { updateSource } = await ok(
      server,
      editor,
      `mutation ($id: ID!) { updateSource(input: { id: $id, slug: "kaz-news-daily", stateAffiliated: true,
         url: null, countryId: null }) { ${SOURCE} } }`,
      { id: createSource.id },
    );
    expect(updateSource).toMatchObject({
      id: createSource.id,
      slug: 'kaz-news-daily',
      name: 'Kaz News',
      url: null,
      stateAffiliated: true,
      country: null,
    });
    const found = await ok(
      server,
      {},
      '{ old: source(slug: "kaz-news") { id } now: source(slug: "kaz-news-daily") { id } }',
    );
    expect(found).toEqual({ old: null, now: { id: createSource.id } });
  });

  it('creates a photo credited to a source, then changes and clears the credit', async () => {
    const { createPhoto } = await ok(
      server,
      editor,
      `mutation ($credit: ID) { createPhoto(input: { url: "https://img.example.org/almaty.jpg", altText: "Almaty square",
         creditId: $credit, creditLine: "Photo source: Reuters" }) { ${PHOTO} } }`,
      { credit: ids.sources.reuters },
    );
    expect(createPhoto).toMatchObject({ altText: 'Almaty square', caption: null, credit: { slug: 'reuters' } });

    const { updatePhoto } = await ok(
      server,
      editor,
      `mutation ($id: ID!) { updatePhoto(input: { id: $id, caption: "Protesters", creditId: null, creditLine: null }) { ${PHOTO} } }`,
      { id: createPhoto.id },
    );
    expect(updatePhoto).toEqual({ ...createPhoto, caption: 'Protesters', credit: null, creditLine: null });
  });

  it('creates a region and moves it; its ancestors follow', async () => {
    const { createRegion } = await ok(
      server,
      editor,
      `mutation ($parent: ID) { createRegion(input: { code: "KZ-AKT", name: "Aktobe", kind: PROVINCE, parentId: $parent }) { ${REGION} } }`,
      { parent: ids.regions.RU },
    );
    expect(createRegion).toMatchObject({ code: 'KZ-AKT', parent: { code: 'RU' } });

    const { updateRegion } = await ok(
      server,
      editor,
      `mutation ($id: ID!, $parent: ID) { updateRegion(input: { id: $id, parentId: $parent }) { ${REGION} } }`,
      { id: createRegion.id, parent: ids.regions.KZ },
    );
    expect(updateRegion).toMatchObject({
      parent: { code: 'KZ' },
      ancestors: [{ code: 'KZ' }, { code: 'central-asia' }, { code: 'asia' }],
    });

    const { region } = await ok(server, {}, '{ region(code: "KZ") { children { code } } }');
    expect(region.children.map((r: { code: string }) => r.code)).toContain('KZ-AKT');
  });

  it('answers NOT_FOUND for a source, photo or region that does not exist', async () => {
    const missing = (type: string) => Buffer.from(`${type}:99999`).toString('base64url');
    for (const mutation of [
      `mutation { updateSource(input: { id: "${missing('Source')}", name: "X" }) { id } }`,
      `mutation { updatePhoto(input: { id: "${missing('Photo')}", caption: "X" }) { id } }`,
      `mutation { updateRegion(input: { id: "${missing('Region')}", name: "X" }) { id } }`,
    ]) {
      expect(onlyError(await server.query(mutation, {}, editor))).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.id',
      });
    }
  });
});
