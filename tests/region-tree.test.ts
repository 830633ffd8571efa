import { CREATE, draftInput, Headers, MOVE, ok, onlyError, SampleIds, startEditorialServer } from './support/editorial';
import { TestServer } from './support/server';

let server: TestServer;
let editor: Headers;
let ids: SampleIds;
beforeAll(async () => {
  ({ server, editor, ids } = await startEditorialServer());
});
afterAll(() => server?.stop());

const codes = (regions: { code: string }[]) => regions.map((region) => region.code);

/** The slugs a region page lists (its articles and those of every region below it), as a reader sees them. */
async function regionPage(code: string): Promise<{ slugs: string[]; totalCount: number }> {
  const { region } = await ok(
    server,
    {},
    `query ($code: String!) { region(code: $code) { articles(first: 100) { totalCount edges { node { slug } } } } }`,
    { code },
  );
  return { slugs: region.articles.edges.map((edge: any) => edge.node.slug), totalCount: region.articles.totalCount };
}

/** The slugs the top-level list filtered by region gives. */
async function filtered(code: string): Promise<string[]> {
  const { articles } = await ok(
    server,
    {},
    `query ($code: String!) { articles(first: 100, filter: { regionCode: $code }) { edges { node { slug } } } }`,
    { code },
  );
  return articles.edges.map((edge: any) => edge.node.slug);
}

async function createRegion(code: string, parent: string | null): Promise<string> {
  const { createRegion: region } = await ok(
    server,
    editor,
    `mutation ($code: String!, $parent: ID) { createRegion(input: { code: $code, name: $code, kind: OTHER, parentId: $parent }) { id } }`,
    { code, parent },
  );
  return region.id;
}

const moveRegion = (id: string, parent: string | null) =>
  server.query(
    `mutation ($id: ID!, $parent: ID) { updateRegion(input: { id: $id, parentId: $parent }) { ancestors { code } } }`,
    { id, parent },
    editor,
  );

async function ancestorsOf(code: string): Promise<string[]> {
  const { region } = await ok(server, {}, `query ($code: String!) { region(code: $code) { ancestors { code } } }`, {
    code,
  });
  return codes(region.ancestors);
}

describe('region pages follow the region tree as editors change it', () => {
  it('lists an article under every region above its region, and after a move only under the new ones', async () => {
    // district (the article's region) below area, below Russia: Europe's pages list it, Asia's do not.
    const area = await createRegion('tree-area', ids.regions.RU);
    const district = await createRegion('tree-district', area);
    const { createArticle } = await ok(server, editor, CREATE, {
      input: draftInput({ regionIds: [district] }),
    });
    await ok(server, editor, MOVE('publishArticle'), { id: createArticle.id });
    const slug: string = createArticle.slug;

    for (const code of ['tree-district', 'tree-area', 'RU', 'eastern-europe', 'europe']) {
      expect((await regionPage(code)).slugs).toContain(slug);
      expect(await filtered(code)).toContain(slug);
    }
    const asiaBefore = await regionPage('asia');
    expect(asiaBefore.slugs).not.toContain(slug);
    expect(await ancestorsOf('tree-district')).toEqual(['tree-area', 'RU', 'eastern-europe', 'europe']);
    const europeBefore = await regionPage('europe');

    // The area moves below Kazakhstan, its district with it.
    expect((await moveRegion(area, ids.regions.KZ)).errors).toBeUndefined();
    expect(await ancestorsOf('tree-district')).toEqual(['tree-area', 'KZ', 'central-asia', 'asia']);
    for (const code of ['tree-district', 'tree-area', 'KZ', 'central-asia', 'asia']) {
      expect((await regionPage(code)).slugs).toContain(slug);
      expect(await filtered(code)).toContain(slug);
    }
    for (const code of ['RU', 'eastern-europe', 'europe']) {
      expect((await regionPage(code)).slugs).not.toContain(slug);
      expect(await filtered(code)).not.toContain(slug);
    }
    expect((await regionPage('europe')).totalCount).toBe(europeBefore.totalCount - 1);
    expect((await regionPage('asia')).totalCount).toBe(asiaBefore.totalCount + 1);

    // To the top level: nothing is above the area any more.
    expect((await moveRegion(area, null)).errors).toBeUndefined();
    expect(await ancestorsOf('tree-district')).toEqual(['tree-area']);
    expect((await regionPage('asia')).slugs).not.toContain(slug);
    expect((await regionPage('tree-area')).slugs).toEqual([slug]);
  });

  it('gives a region created below a moved one the ancestors of where it is now', async () => {
    const top = await createRegion('tree-top', null);
    const middle = await createRegion('tree-middle', top);
    const other = await createRegion('tree-other', null);
    const otherChild = await createRegion('tree-other-child', other);
    expect((await moveRegion(top, otherChild)).errors).toBeUndefined();
    await createRegion('tree-leaf', middle);
    const lineage = ['tree-middle', 'tree-top', 'tree-other-child', 'tree-other'];
    expect(await ancestorsOf('tree-leaf')).toEqual(lineage);

    // And a move below the region's own subtree is still refused, the tree unchanged.
    const { region: leaf } = await ok(server, {}, '{ region(code: "tree-leaf") { id } }');
    expect(onlyError(await moveRegion(top, leaf.id))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
    });
    expect(await ancestorsOf('tree-leaf')).toEqual(lineage);
  });

  it('knows the tree the sample content was loaded with', async () => {
    expect(await ancestorsOf('KZ')).toEqual(['central-asia', 'asia']);
    expect((await regionPage('asia')).slugs).toContain('whats-happening-in-kazakhstan');
  });
});
