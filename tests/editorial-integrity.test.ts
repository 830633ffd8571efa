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
import { GraphQLResponse, TestServer } from './support/server';

let server: TestServer;
let editor: Headers;
let ids: SampleIds;
beforeAll(async () => {
  ({ server, editor, ids } = await startEditorialServer());
});
afterAll(() => server?.stop());

const sql = (text: string) => server.database.dataSource.query(text);
const postgres = () => server.database.config.kind === 'postgres';

/**
 * Makes every insert into article_region fail, as a disk or a bug could: a mutation that gets that
 * far has already written the article row and replaced its sources, so all of that must roll back.
 */
async function withFailingRegionLinks(run: () => Promise<void>): Promise<void> {
  if (postgres()) {
    await sql(`CREATE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await sql(
      'CREATE TRIGGER forced_failure BEFORE INSERT ON article_region FOR EACH ROW EXECUTE FUNCTION forced_failure()',
    );
  } else {
    await sql(
      `CREATE TRIGGER forced_failure BEFORE INSERT ON article_region BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
    );
  }
  try {
    await run();
  } finally {
    await sql('DROP TRIGGER forced_failure' + (postgres() ? ' ON article_region' : ''));
    if (postgres()) await sql('DROP FUNCTION forced_failure()');
  }
}

const ARTICLE = `query ($id: ID, $slug: String) {
  article(id: $id, slug: $slug) { title version updatedAt sources { slug } regions { code } }
}`;

function expectInternalError(response: GraphQLResponse) {
  expect(onlyError(response)).toEqual({
    code: 'INTERNAL_SERVER_ERROR',
    field: undefined,
    message: 'Internal server error',
  });
  expect(JSON.stringify(response)).not.toMatch(/forced failure|article_region|INSERT/);
}

describe('a mutation that fails half-way leaves the database as it was', () => {
  it('createArticle: no article, no links, and the slug is still free', async () => {
    const input = draftInput({ sourceIds: [ids.sources.tass], regionIds: [ids.regions.KZ] });
    await withFailingRegionLinks(async () => expectInternalError(await server.query(CREATE, { input }, editor)));
    expect((await ok(server, editor, ARTICLE, { slug: input.slug })).article).toBeNull();
    const [{ n }] = await sql(
      'SELECT COUNT(*) AS n FROM article_source WHERE article_id NOT IN (SELECT id FROM article)',
    );
    expect(Number(n)).toBe(0);
    expect((await ok(server, editor, CREATE, { input })).createArticle.slug).toBe(input.slug);
  });

  it('updateArticle: the title, version, sources and regions are the ones from before', async () => {
    const input = draftInput({ title: 'Before', sourceIds: [ids.sources.tass], regionIds: [ids.regions.RU] });
    const created = (await ok(server, editor, CREATE, { input })).createArticle;
    const before = (await ok(server, editor, ARTICLE, { id: created.id })).article;
    await withFailingRegionLinks(async () =>
      expectInternalError(
        await server.query(
          UPDATE,
          {
            input: {
              id: created.id,
              version: 1,
              title: 'After',
              sourceIds: [ids.sources.reuters],
              regionIds: [ids.regions.KZ],
            },
          },
          editor,
        ),
      ),
    );
    expect((await ok(server, editor, ARTICLE, { id: created.id })).article).toEqual(before);
  });

  it('deleteArticle: when the tombstone cannot be written, the article is not deleted', async () => {
    const created = (await ok(server, editor, CREATE, { input: draftInput() })).createArticle;
    await ok(server, editor, MOVE('publishArticle'), { id: created.id });
    // A tombstone already there breaks UNIQUE (entity_type, entity_id) on the second statement.
    await server.database.dataSource.query(
      `INSERT INTO tombstone (entity_type, entity_id, deleted_at) VALUES ('Article', '${created.id}', '2020-01-01 00:00:00.000')`,
    );
    expectInternalError(await server.query(DELETE, { id: created.id }, editor));
    expect((await ok(server, {}, ARTICLE, { id: created.id })).article).toMatchObject({ version: 2 });
  });
});

describe('concurrent writers', () => {
  it('of one article at the same version: exactly one wins, the others get CONFLICT', async () => {
    const created = (await ok(server, editor, CREATE, { input: draftInput({ title: 'Start' }) })).createArticle;
    const titles = Array.from({ length: 8 }, (_, i) => `Edit ${i}`);
    const sources = Object.values(ids.sources);
    const responses = await Promise.all(
      titles.map((title, i) =>
        server.query(
          UPDATE,
          { input: { id: created.id, version: 1, title, sourceIds: [sources[i % sources.length]] } },
          editor,
        ),
      ),
    );
    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map((response) => onlyError(response).code)).toEqual(Array(7).fill('CONFLICT'));

    const winner = winners[0].data!.updateArticle;
    const stored = (await ok(server, editor, ARTICLE, { id: created.id })).article;
    expect(stored).toMatchObject({ version: 2, title: winner.title });
    expect(stored.sources).toEqual(winner.sources.map((s: { slug: string }) => ({ slug: s.slug })));
  });

  it('creating the same slug at once: one article, the others are told the slug is taken', async () => {
    const input = draftInput();
    const responses = await Promise.all(Array.from({ length: 6 }, () => server.query(CREATE, { input }, editor)));
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    for (const response of responses.filter((r) => r.errors)) {
      expect(onlyError(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    }
    const [{ n }] = await sql(`SELECT COUNT(*) AS n FROM article WHERE slug = '${input.slug}'`);
    expect(Number(n)).toBe(1);
  });

  it('publishing and deleting race: the article ends deleted with one tombstone, whichever ran first', async () => {
    const created = (await ok(server, editor, CREATE, { input: draftInput() })).createArticle;
    await Promise.all([
      server.query(MOVE('publishArticle'), { id: created.id }, editor),
      server.query(DELETE, { id: created.id }, editor),
      server.query(DELETE, { id: created.id }, editor),
    ]);
    const [{ n }] = await sql(`SELECT COUNT(*) AS n FROM tombstone WHERE entity_id = '${created.id}'`);
    expect(Number(n)).toBe(1);
    expect((await ok(server, {}, ARTICLE, { id: created.id })).article).toBeNull();
  });
});
