import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ninjsSchema from '../schema/standards/ninjs-schema-3.1.json';
import { headersByRole, ok, sampleIds, SampleIds } from './support/editorial';
import { insertWhileServing } from './support/generated';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startTestServer, TestServer } from './support/server';

/**
 * Article.ninjs against IPTC's own JSON Schema for ninjs 3.1 (schema/standards/), for the sample
 * and for generated articles, and what partners receive in it.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The schema refers to GeoJSON for a place's geometry; no network here, and no place has one.
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object', required: ['type'] });
const validNinjs = ajv.compile(ninjsSchema);

function expectValid(document: unknown): void {
  const valid = validNinjs(document);
  expect(validNinjs.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

let server: TestServer;
let roles: Awaited<ReturnType<typeof headersByRole>>;
let ids: SampleIds;
const SAMPLE = `{ article(slug: "whats-happening-in-kazakhstan") { ninjs } }`;

beforeAll(async () => {
  server = await startTestServer();
  roles = await headersByRole(server);
  ids = await sampleIds(server);
});
afterAll(() => server?.stop());

describe('Article.ninjs', () => {
  it('is valid ninjs 3.1 for the sample, with its byline, places, cited outlets and photos with their credits', async () => {
    const { ninjs } = (await ok(server, {}, SAMPLE)).article;
    expectValid(ninjs);
    expect(ninjs).toMatchObject({
      uri: expect.stringMatching(/\/articles\/whats-happening-in-kazakhstan$/),
      type: 'text',
      pubStatus: 'usable',
      language: 'en',
      headlines: [{ value: 'What’s happening in Kazakhstan?' }],
      by: 'Mălina Mîndruțescu',
      genres: [{ name: 'Newsletter Exclusive' }],
    });
    expect(ninjs.subjects).toEqual(
      expect.arrayContaining([
        { name: 'Kazakhstan', rel: 'about', literal: 'KZ', uri: 'urn:iso:std:iso:3166:-1:KZ' },
        { name: 'Mangystau', rel: 'about', literal: 'KZ-47', uri: 'urn:iso:std:iso:3166:-2:KZ-47' },
        { name: 'Almaty', rel: 'about', literal: 'KZ-75', uri: 'urn:iso:std:iso:3166:-2:KZ-75' },
      ]),
    );
    expect(ninjs.infoSources.map((source: { name: string }) => source.name)).toEqual(
      expect.arrayContaining(['Foreign Policy', 'The Guardian', 'Sputnik']),
    );
    // Four photos, the last with no credit: an association without `by`, never a guessed one.
    expect(ninjs.associations).toHaveLength(4);
    expect(ninjs.associations.map((photo: { by?: string }) => photo.by ?? null)).toEqual([
      expect.stringContaining('Getty Images'),
      expect.stringContaining('TASS'),
      expect.stringContaining('Reuters'),
      null,
    ]);
    expect(ninjs.edNote).toBeUndefined();
  });

  it('gives a partner only the photos it may republish, with their rights, and says what was left out', async () => {
    await ok(
      server,
      roles.editor,
      `mutation ($id: ID!) { updatePhoto(input: { id: $id, syndicationAllowed: true, copyrightHolder: "TASS",
         licenseUrl: "https://news.example.org/licences/tass" }) { id } }`,
      { id: ids.photos[1] },
    );
    const { ninjs } = (await ok(server, roles.partner, SAMPLE)).article;
    expectValid(ninjs);
    expect(ninjs.associations).toEqual([
      expect.objectContaining({
        type: 'picture',
        copyrightHolder: 'TASS',
        rightsInfo: { linkedRights: 'https://news.example.org/licences/tass' },
      }),
    ]);
    expect(ninjs.edNote).toMatch(/^3 photo\(s\) left out\. Their licence does not allow syndication/);
    // The newsroom still gets every photo.
    expect((await ok(server, roles.editor, SAMPLE)).article.ninjs.associations).toHaveLength(4);
  });

  it('is valid for generated articles, and costs as many statements for 50 articles as for 1', async () => {
    await insertWhileServing(server.database.dataSource, {
      articles: 60,
      sources: 10,
      regionFanout: [2, 2, 2, 2],
      bodyBytes: 500,
    });
    const page = async (first: number) => {
      const response = await server.query(
        `query ($first: Int!) { articles(first: $first) { edges { node { ninjs } } } }`,
        {
          first,
        },
      );
      expect(response.errors).toBeUndefined();
      return response;
    };
    const fifty = await page(50);
    const documents = fifty.data!.articles.edges.map((edge: { node: { ninjs: unknown } }) => edge.node.ninjs);
    expect(documents).toHaveLength(50);
    for (const document of documents) expectValid(document);
    expect(fifty.extensions!.queryStats!.sqlStatements).toBe((await page(1)).extensions!.queryStats!.sqlStatements);
  });
});

describe('GET /syndication/articles/<id>.ninjs.json at the gateway', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack({ content: server });
  });
  afterAll(() => stack?.stopAllButContent());

  const get = (id: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${stack.gateway.port}/syndication/articles/${id}.ninjs.json`, { headers });

  it('serves the article as a ninjs file, a partner’s without the photos it may not republish', async () => {
    const { article } = await ok(server, {}, `{ article(slug: "whats-happening-in-kazakhstan") { id } }`);
    const response = await get(article.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = await response.json();
    expectValid(document);
    expect(document.associations).toHaveLength(4);

    const partner = await get(article.id, roles.partner);
    expect(partner.status).toBe(200);
    expect(partner.headers.get('cache-control')).toContain('private');
    const partnerDocument = await partner.json();
    expectValid(partnerDocument);
    expect(partnerDocument.associations.length).toBeLessThan(4);
  });

  it('answers 404 for an article the caller may not read, 400 for what is not an id, 401 for a bad key', async () => {
    const { createArticle } = await ok(
      server,
      roles.editor,
      `mutation { createArticle(input: { slug: "ninjs-draft", title: "Draft", body: "Not yet.", language: "en" }) { id } }`,
    );
    expect((await get(createArticle.id)).status).toBe(404);
    expect((await get(createArticle.id, roles.editor)).status).toBe(200);
    const notAnId = await get('%E0%A4%A');
    expect(notAnId.status).toBe(400);
    expect(await notAnId.text()).toContain('is not an article id');
    expect((await get('nonsense')).status).toBe(400);
    expect((await get(createArticle.id, { authorization: 'Bearer cgk_not-a-key' })).status).toBe(401);
  });
});
