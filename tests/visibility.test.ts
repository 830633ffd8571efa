import type { Role } from '../src/viewer';
import { CREATE, DELETE, draftInput, Headers, headersByRole, MOVE, ok, ROLES } from './support/editorial';
import { startTestServer, TestServer } from './support/server';

type State = 'draft' | 'published' | 'archived' | 'deleted';
const STATES: State[] = ['draft', 'published', 'archived', 'deleted'];
const NEWSROOM: Role[] = ['editor', 'admin'];

let server: TestServer;
let headers: Record<Role, Headers>;
const articles = {} as Record<State, { id: string; slug: string }>;

/** One source and a two-level region tree of their own, each article linked to both. */
beforeAll(async () => {
  server = await startTestServer();
  headers = await headersByRole(server);
  const editor = headers.editor;
  const source = await ok(
    server,
    editor,
    'mutation { createSource(input: { slug: "vis-source", name: "Vis", kind: OTHER }) { id } }',
  );
  const parent = await ok(
    server,
    editor,
    'mutation { createRegion(input: { code: "vis-parent", name: "Vis parent", kind: OTHER }) { id } }',
  );
  const child = await ok(
    server,
    editor,
    'mutation ($parent: ID!) { createRegion(input: { code: "vis-child", name: "Vis child", kind: OTHER, parentId: $parent }) { id } }',
    { parent: parent.createRegion.id },
  );
  for (const state of STATES) {
    const input = draftInput({
      slug: `vis-${state}`,
      sourceIds: [source.createSource.id],
      regionIds: [child.createRegion.id],
    });
    const { id, slug } = (await ok(server, editor, CREATE, { input })).createArticle;
    articles[state] = { id, slug };
    if (state !== 'draft') await ok(server, editor, MOVE('publishArticle'), { id });
    if (state === 'archived') await ok(server, editor, MOVE('archiveArticle'), { id });
    if (state === 'deleted') await ok(server, editor, DELETE, { id });
  }
});
afterAll(() => server?.stop());

const LIST = 'totalCount edges { node { id } }';
const EVERY_PATH = /* GraphQL */ `
  query Paths($id: ID!, $slug: String!, $sourceId: ID!) {
    byId: article(id: $id) { id }
    bySlug: article(slug: $slug) { id }
    node(id: $id) { id }
    all: articles(first: 100) { ${LIST} }
    filtered: articles(first: 100, filter: { sourceId: $sourceId }) { ${LIST} }
    source(slug: "vis-source") { articles(first: 100) { ${LIST} } }
    below: region(code: "vis-parent") { articles(first: 100) { ${LIST} } }
    at: region(code: "vis-child") { articles(first: 100, includeDescendants: false) { ${LIST} } }
  }
`;

const ids = (list: { edges: { node: { id: string } }[] }) => list.edges.map((edge) => edge.node.id);

describe('who sees an article in which state, by every path that reaches it', () => {
  const cases = ROLES.flatMap((role) => STATES.map((state) => [role, state] as const));

  it.each(cases)('%s, %s article', async (role, state) => {
    const sourceId = (await ok(server, {}, '{ source(slug: "vis-source") { id } }')).source.id;
    const article = articles[state];
    const data = await ok(server, headers[role], EVERY_PATH, { id: article.id, slug: article.slug, sourceId });
    const visible = NEWSROOM.includes(role) || state === 'published';
    const expected = visible ? { id: article.id } : null;

    expect(data.byId).toEqual(expected);
    expect(data.bySlug).toEqual(expected);
    expect(data.node).toEqual(expected);
    for (const list of [data.all, data.filtered, data.source.articles, data.below.articles, data.at.articles]) {
      expect(ids(list).includes(article.id)).toBe(visible);
    }
    // Counts follow the same rule: the newsroom counts all four, everyone else the published one.
    const count = NEWSROOM.includes(role) ? STATES.length : 1;
    for (const list of [data.filtered, data.source.articles, data.below.articles, data.at.articles]) {
      expect(list.totalCount).toBe(count);
    }
  });
});

describe('per-request caches', () => {
  it('never carry a draft from an editor request into a concurrent anonymous one', async () => {
    const query = `query ($id: ID!) { article(id: $id) { id } articles(first: 100) { edges { node { id } } } }`;
    const draft = articles.draft.id;
    const roles: Role[] = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'editor' : 'anonymous'));
    const results = await Promise.all(roles.map((role) => ok(server, headers[role], query, { id: draft })));
    results.forEach((data, i) => {
      const seen = data.article !== null || ids(data.articles).includes(draft);
      expect({ role: roles[i], seen }).toEqual({ role: roles[i], seen: roles[i] === 'editor' });
    });
  });
});
