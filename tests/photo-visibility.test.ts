import type { Role } from '../src/viewer';
import { CREATE, draftInput, Headers, headersByRole, MOVE, ok } from './support/editorial';
import { startTestServer, TestServer } from './support/server';

/**
 * A photo is seen by whoever may see an article that uses it; one that no article uses yet only by
 * the newsroom. Photo ids are sequential, so the rule must hold on every path that takes an id.
 */
let server: TestServer;
let headers: Record<Role, Headers>;
const photos = {} as Record<'draftOnly' | 'unused' | 'published' | 'shared', string>;

const CREATE_PHOTO = `mutation ($input: CreatePhotoInput!) { createPhoto(input: $input) { id } }`;

beforeAll(async () => {
  server = await startTestServer({ sample: false });
  headers = await headersByRole(server);
  const editor = headers.editor;
  for (const name of ['draftOnly', 'unused', 'published', 'shared'] as const) {
    // Syndicable, so that partners are held to this rule alone (photo-rights.test.ts has theirs).
    const input = {
      url: `https://img.example.org/${name}.jpg`,
      caption: `Caption of ${name}`,
      syndicationAllowed: true,
    };
    photos[name] = (await ok(server, editor, CREATE_PHOTO, { input })).createPhoto.id;
  }
  await ok(server, editor, CREATE, { input: draftInput({ photoIds: [photos.draftOnly, photos.shared] }) });
  const published = await ok(server, editor, CREATE, {
    input: draftInput({ photoIds: [photos.published, photos.shared] }),
  });
  await ok(server, editor, MOVE('publishArticle'), { id: published.createArticle.id });
});
afterAll(() => server?.stop());

const EVERY_PATH = `query ($id: ID!) {
  photo(id: $id) { id caption }
  node(id: $id) { ... on Photo { id caption } }
  _entities(representations: [{ __typename: "Photo", id: $id }]) { ... on Photo { id caption } }
}`;

async function seenOnEveryPath(role: Role, id: string): Promise<boolean> {
  const data = await ok(server, headers[role], EVERY_PATH, { id });
  const seen = [data.photo, data.node, data._entities[0]].map((photo) => photo !== null);
  // One rule for every path: all three agree.
  expect(new Set(seen).size).toBe(1);
  return seen[0];
}

describe.each(['anonymous', 'partner', 'analyst'] as Role[])('%s', (role) => {
  it('sees a photo of a published article, also when a draft uses it too', async () => {
    expect(await seenOnEveryPath(role, photos.published)).toBe(true);
    expect(await seenOnEveryPath(role, photos.shared)).toBe(true);
  });

  it('does not see a photo only a draft uses, nor one no article uses', async () => {
    expect(await seenOnEveryPath(role, photos.draftOnly)).toBe(false);
    expect(await seenOnEveryPath(role, photos.unused)).toBe(false);
  });
});

describe.each(['editor', 'admin'] as Role[])('%s', (role) => {
  it('sees every photo', async () => {
    for (const id of Object.values(photos)) expect(await seenOnEveryPath(role, id)).toBe(true);
  });
});

it('a photo disappears for readers when its only article is unpublished', async () => {
  const editor = headers.editor;
  const input = { url: 'https://img.example.org/later.jpg', caption: 'Withdrawn' };
  const id = (await ok(server, editor, CREATE_PHOTO, { input })).createPhoto.id;
  const article = (await ok(server, editor, CREATE, { input: draftInput({ photoIds: [id] }) })).createArticle;
  await ok(server, editor, MOVE('publishArticle'), { id: article.id });
  expect(await seenOnEveryPath('anonymous', id)).toBe(true);
  await ok(server, editor, MOVE('unpublishArticle'), { id: article.id });
  expect(await seenOnEveryPath('anonymous', id)).toBe(false);
});
