import 'reflect-metadata';
import { MAX_BODY_BYTES } from '../src/article/article.input';
import { toGlobalId } from '../src/node/global-id';
import { CREATE, draftInput, Headers, headersByRole, ok, onlyError, sampleIds, UPDATE } from './support/editorial';
import { startTestServer, TestServer } from './support/server';

let server: TestServer;
let editor: Headers;
let ids: Awaited<ReturnType<typeof sampleIds>>;
let existing: { id: string; slug: string };
beforeAll(async () => {
  server = await startTestServer();
  editor = (await headersByRole(server)).editor;
  ids = await sampleIds(server);
  existing = (await ok(server, editor, CREATE, { input: draftInput() })).createArticle;
});
afterAll(() => server?.stop());

async function expectRefused(query: string, variables: Record<string, unknown>, field: string, message: RegExp) {
  const response = await server.query(query, variables, editor);
  expect(onlyError(response)).toEqual({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });
  expect(response.data ?? null).toBeNull();
}

const missingSource = toGlobalId('Source', 999_999);

describe('a bad article input is BAD_USER_INPUT naming the field and what to change', () => {
  it.each([
    ['an empty title', { title: '   ' }, 'input.title', /title must not be empty/],
    ['a slug with capitals', { slug: 'Hello-World' }, 'input.slug', /lowercase letters and digits.*single hyphens/],
    ['a slug with a double hyphen', { slug: 'a--b' }, 'input.slug', /single hyphens/],
    ['a slug ending in a hyphen', { slug: 'a-b-' }, 'input.slug', /single hyphens/],
    ['a body over the limit', { body: 'x'.repeat(MAX_BODY_BYTES + 1) }, 'input.body', /at most 200000 bytes/],
    ['a body over the limit in bytes only', { body: 'ă'.repeat(MAX_BODY_BYTES / 2 + 1) }, 'input.body', /bytes/],
    ['a language that is not BCP 47', { language: 'English' }, 'input.language', /BCP 47/],
    ['a blank byline name', { byline: ['Ana Pop', ' '] }, 'input.byline', /remove the blank entry/],
    ['an unknown source', { sourceIds: [missingSource] }, 'input.sourceIds', /no Source with id .*create it first/],
    [
      'a region id given as a photo',
      { photoIds: [toGlobalId('Region', 1)] },
      'input.photoIds',
      /id of a Region, not of a Photo/,
    ],
    ['a malformed id', { regionIds: ['nope!'] }, 'input.regionIds', /not a valid Region id/],
    ['the same source twice', { sourceIds: ['U291cmNlOjE', 'U291cmNlOjE'] }, 'input.sourceIds', /lists an id twice/],
  ])('createArticle with %s', async (_name, overrides, field, message) => {
    await expectRefused(CREATE, { input: draftInput(overrides) }, field, message);
  });

  it('createArticle with a slug another article has', async () => {
    await expectRefused(
      CREATE,
      { input: draftInput({ slug: existing.slug }) },
      'input.slug',
      /already used.*choose another/,
    );
  });

  it('an unknown photo among known ones names the unknown one', async () => {
    const unknown = toGlobalId('Photo', 424242);
    await expectRefused(
      CREATE,
      { input: draftInput({ photoIds: [ids.photos[0], unknown] }) },
      'input.photoIds',
      new RegExp(`no Photo with id "${unknown}"`),
    );
  });

  it.each([
    ['a null title', { title: null }, 'input.title', /cannot be null; leave it out/],
    ['a null source list', { sourceIds: null }, 'input.sourceIds', /or pass \[\] to empty the list/],
    ['an empty title', { title: '' }, 'input.title', /title must not be empty/],
    ['a slug another article has', { slug: 'whats-happening-in-kazakhstan' }, 'input.slug', /already used/],
    ['an unknown region', { regionIds: [toGlobalId('Region', 777_777)] }, 'input.regionIds', /no Region/],
  ])('updateArticle with %s', async (_name, changes, field, message) => {
    await expectRefused(UPDATE, { input: { id: existing.id, version: 1, ...changes } }, field, message);
  });

  it('nothing was written by the refused inputs', async () => {
    const { article } = await ok(server, editor, 'query ($id: ID!) { article(id: $id) { version } }', {
      id: existing.id,
    });
    expect(article.version).toBe(1);
  });
});

const CREATE_SOURCE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id slug } }`;
const UPDATE_REGION = `mutation ($input: UpdateRegionInput!) { updateRegion(input: $input) { id code } }`;
const CREATE_PHOTO = `mutation ($input: CreatePhotoInput!) { createPhoto(input: $input) { id } }`;

describe('bad source, photo and region inputs', () => {
  const source = (overrides: Record<string, unknown>) => ({
    slug: 'new-outlet',
    name: 'New Outlet',
    kind: 'NEWS_OUTLET',
    ...overrides,
  });

  it.each([
    ['an ftp URL', { url: 'ftp://files.example.org' }, 'input.url', /http:\/\/ or https:\/\//],
    ['a javascript URL', { url: 'javascript:alert(1)' }, 'input.url', /http:\/\/ or https:\/\//],
    ['a bad slug', { slug: 'New Outlet' }, 'input.slug', /lowercase/],
    ['a taken slug', { slug: 'tass' }, 'input.slug', /already used/],
    ['an empty name', { name: '' }, 'input.name', /name must not be empty/],
    ['an unknown country', { countryId: toGlobalId('Region', 999) }, 'input.countryId', /no Region/],
  ])('createSource with %s', async (_name, overrides, field, message) => {
    await expectRefused(CREATE_SOURCE, { input: source(overrides) }, field, message);
  });

  it('createPhoto with a URL that is not http(s)', async () => {
    await expectRefused(CREATE_PHOTO, { input: { url: 'file:///etc/passwd' } }, 'input.url', /http:\/\/ or https:\/\//);
  });

  it('updateRegion that makes a region its own parent or its own ancestor', async () => {
    const { regions } = ids;
    await expectRefused(
      UPDATE_REGION,
      { input: { id: regions.KZ, parentId: regions.KZ } },
      'input.parentId',
      /own parent/,
    );
    // Mangystau (KZ-47) lies below Kazakhstan: putting Kazakhstan under it would close a loop.
    await expectRefused(
      UPDATE_REGION,
      { input: { id: regions.KZ, parentId: regions['KZ-47'] } },
      'input.parentId',
      /its own ancestor/,
    );
    await expectRefused(
      UPDATE_REGION,
      { input: { id: regions.asia, parentId: regions['KZ-75'] } },
      'input.parentId',
      /its own ancestor/,
    );
    const { region } = await ok(server, {}, '{ region(code: "KZ") { parent { code } } }');
    expect(region.parent.code).toBe('central-asia');
  });
});
