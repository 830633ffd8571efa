import {
  CREATE,
  DELETE,
  draftInput,
  Headers,
  MOVE,
  ok,
  onlyError,
  SampleIds,
  startEditorialServer,
  UPDATE,
} from './support/editorial';
import { TestServer } from './support/server';

let server: TestServer;
let editor: Headers;
let ids: SampleIds;
beforeAll(async () => {
  ({ server, editor, ids } = await startEditorialServer());
});
afterAll(() => server?.stop());

const create = async (overrides: Record<string, unknown> = {}) =>
  (await ok(server, editor, CREATE, { input: draftInput(overrides) })).createArticle;

describe('an editor writes articles', () => {
  it('creates a draft with its sources and photos in the order given', async () => {
    const { sources, regions, photos } = ids;
    const article = await create({
      summary: 'Short.',
      label: 'Analysis',
      byline: ['Ana Pop', 'Ion Rus'],
      sourceIds: [sources.tass, sources['foreign-policy']],
      photoIds: [photos[2], photos[0]],
      regionIds: [regions.KZ, regions.RU],
    });
    expect(article).toMatchObject({
      status: 'DRAFT',
      version: 1,
      publishedAt: null,
      deletedAt: null,
      summary: 'Short.',
      label: 'Analysis',
      byline: ['Ana Pop', 'Ion Rus'],
      sources: [{ slug: 'tass' }, { slug: 'foreign-policy' }],
      photos: [{ id: photos[2] }, { id: photos[0] }],
    });
    expect(article.regions.map((r: { code: string }) => r.code).sort()).toEqual(['KZ', 'RU']);
  });

  it('updates only what it is given, bumps version and updatedAt, and replaces lists in order', async () => {
    const { sources } = ids;
    const created = await create({ summary: 'Keep me', sourceIds: [sources.tass] });
    const { updateArticle: updated } = await ok(server, editor, UPDATE, {
      input: {
        id: created.id,
        version: 1,
        title: '  New title  ',
        label: 'Explainer',
        sourceIds: [sources.reuters, sources.tass, sources.sputnik],
      },
    });
    expect(updated).toMatchObject({
      version: 2,
      title: 'New title',
      summary: 'Keep me',
      label: 'Explainer',
      body: created.body,
      sources: [{ slug: 'reuters' }, { slug: 'tass' }, { slug: 'sputnik' }],
    });
    expect(new Date(updated.updatedAt) >= new Date(created.updatedAt)).toBe(true);

    const { updateArticle: cleared } = await ok(server, editor, UPDATE, {
      input: { id: created.id, version: 2, summary: null, sourceIds: [] },
    });
    expect(cleared).toMatchObject({ version: 3, summary: null, sources: [] });
  });

  it('keeps the words that cite a source that stays cited', async () => {
    // The sample article's sources carry their citing words; reordering must not lose them.
    const { article } = await ok(server, editor, '{ article(slug: "whats-happening-in-kazakhstan") { id version } }');
    const { sources } = ids;
    const { updateArticle } = await ok(server, editor, UPDATE, {
      input: { id: article.id, version: article.version, sourceIds: [sources.sputnik, sources['foreign-policy']] },
    });
    expect(updateArticle.citations).toEqual([
      { position: 1, context: expect.any(String), source: { slug: 'sputnik' } },
      { position: 2, context: expect.stringContaining('states Foreign Policy'), source: { slug: 'foreign-policy' } },
    ]);
  });

  it('publishes, unpublishes and archives; each change is a new version, a repeated one is not', async () => {
    const created = await create();
    const published = (await ok(server, editor, MOVE('publishArticle'), { id: created.id })).publishArticle;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 2, publishedAt: expect.any(String) });

    const again = (await ok(server, editor, MOVE('publishArticle'), { id: created.id })).publishArticle;
    expect(again).toMatchObject({ status: 'PUBLISHED', version: 2, publishedAt: published.publishedAt });

    const unpublished = (await ok(server, editor, MOVE('unpublishArticle'), { id: created.id })).unpublishArticle;
    expect(unpublished).toMatchObject({ status: 'DRAFT', version: 3 });

    const archived = (await ok(server, editor, MOVE('archiveArticle'), { id: created.id })).archiveArticle;
    expect(archived).toMatchObject({ status: 'ARCHIVED', version: 4 });

    // Republishing keeps the first publication date (see article.writes.ts setStatus).
    const republished = (await ok(server, editor, MOVE('publishArticle'), { id: created.id })).publishArticle;
    expect(republished).toMatchObject({ status: 'PUBLISHED', version: 5, publishedAt: published.publishedAt });
  });

  it('deletes softly: hidden from the public, kept for the newsroom, a tombstone for partners', async () => {
    const created = await create();
    await ok(server, editor, MOVE('publishArticle'), { id: created.id });
    expect((await ok(server, editor, DELETE, { id: created.id })).deleteArticle).toBe(created.id);

    const lookup = `query ($id: ID!) { article(id: $id) { id version deletedAt } }`;
    expect((await ok(server, {}, lookup, { id: created.id })).article).toBeNull();
    const kept = (await ok(server, editor, lookup, { id: created.id })).article;
    expect(kept).toMatchObject({ id: created.id, version: 3, deletedAt: expect.any(String) });

    const { tombstones } = await ok(server, editor, '{ tombstones { sequence entityType entityId deletedAt } }');
    expect(tombstones).toContainEqual({
      sequence: expect.any(Number),
      entityType: 'Article',
      entityId: created.id,
      deletedAt: kept.deletedAt,
    });
    const last = tombstones[tombstones.length - 1].sequence;
    const newer = await ok(server, { ...editor }, 'query ($after: Int) { tombstones(after: $after) { entityId } }', {
      after: last,
    });
    expect(newer.tombstones).toEqual([]);
  });

  it('refuses to change a deleted or missing article with NOT_FOUND', async () => {
    const created = await create();
    await ok(server, editor, DELETE, { id: created.id });
    for (const [query, variables] of [
      [DELETE, { id: created.id }],
      [MOVE('publishArticle'), { id: created.id }],
      [UPDATE, { input: { id: created.id, version: 2, title: 'Back?' } }],
      [MOVE('archiveArticle'), { id: Buffer.from('Article:999999').toString('base64url') }],
    ] as const) {
      const error = onlyError(await server.query(query, variables, editor));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/was deleted|does not exist/);
    }
  });

  it('refuses a stale version with CONFLICT and writes nothing', async () => {
    const created = await create({ title: 'Original' });
    await ok(server, editor, UPDATE, { input: { id: created.id, version: 1, title: 'First edit' } });
    const stale = await server.query(UPDATE, { input: { id: created.id, version: 1, title: 'Lost edit' } }, editor);
    expect(onlyError(stale)).toEqual({
      code: 'CONFLICT',
      field: 'input.version',
      message: expect.stringMatching(/you sent version 1, it is now at version 2.*read it again/),
    });
    const { article } = await ok(server, editor, 'query ($id: ID!) { article(id: $id) { title version } }', {
      id: created.id,
    });
    expect(article).toEqual({ title: 'First edit', version: 2 });
  });

  it('returns what it wrote even after earlier fields of the same request read the article', async () => {
    const created = await create({ sourceIds: [ids.sources.tass] });
    const data = await ok(
      server,
      editor,
      `mutation ($id: ID!, $a: [ID!], $b: [ID!]) {
        first: updateArticle(input: { id: $id, version: 1, title: "A", sourceIds: $a }) { version title sources { slug } }
        second: updateArticle(input: { id: $id, version: 2, title: "B", sourceIds: $b }) { version title sources { slug } }
      }`,
      { id: created.id, a: [ids.sources.reuters], b: [ids.sources.sputnik] },
    );
    expect(data.first).toEqual({ version: 2, title: 'A', sources: [{ slug: 'reuters' }] });
    expect(data.second).toEqual({ version: 3, title: 'B', sources: [{ slug: 'sputnik' }] });
  });
});
