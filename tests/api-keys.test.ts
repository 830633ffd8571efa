import { createHash } from 'node:crypto';
import { createApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys';
import type { Role } from '../src/viewer';
import { CREATE, draftInput, Headers, headersByRole, onlyError, ROLES } from './support/editorial';
import { startTestServer, TestServer } from './support/server';

let server: TestServer;
let headers: Record<Role, Headers>;
beforeAll(async () => {
  server = await startTestServer();
  headers = await headersByRole(server);
});
afterAll(() => server?.stop());

const WHO = '{ articles(first: 1) { totalCount } }';

describe('API keys', () => {
  it('are stored as a SHA-256 hash only; the key itself is nowhere in the database row', async () => {
    const { key, record } = await createApiKey(server.database.dataSource, { role: 'analyst', name: 'Hash check' });
    expect(key).toMatch(/^cgk_[A-Za-z0-9_-]{43}$/);
    const [row] = await server.database.dataSource.query(`SELECT * FROM api_key WHERE id = ${record.id}`);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(8));
  });

  it('refuse unknown roles and empty names', async () => {
    const dataSource = server.database.dataSource;
    await expect(createApiKey(dataSource, { role: 'root', name: 'x' })).rejects.toThrow(/role must be one of/);
    await expect(createApiKey(dataSource, { role: 'editor', name: '  ' })).rejects.toThrow(/name must be/);
  });

  it.each([
    ['an unknown key', `Bearer cgk_${'A'.repeat(43)}`, /unknown or revoked/],
    ['a malformed key', 'Bearer not-a-key', /malformed/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /must be "Bearer <API key>"/],
    ['a bare key', `cgk_${'A'.repeat(43)}`, /must be "Bearer <API key>"/],
  ])('%s is a GraphQL-shaped UNAUTHENTICATED response with status 401', async (_name, authorization, message) => {
    const response = await server.query(WHO, {}, { authorization });
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(onlyError(response)).toEqual({
      code: 'UNAUTHENTICATED',
      field: undefined,
      message: expect.stringMatching(message),
    });
  });

  it('stop working as soon as they are revoked, and stay listed as revoked', async () => {
    const dataSource = server.database.dataSource;
    const { key, record } = await createApiKey(dataSource, { role: 'editor', name: 'Temp desk' });
    const authorization = `Bearer ${key}`;
    expect((await server.query(CREATE, { input: draftInput() }, { authorization })).errors).toBeUndefined();

    expect((await revokeApiKey(dataSource, record.id))?.revokedAt).toBeInstanceOf(Date);
    const response = await server.query(WHO, {}, { authorization });
    expect(response.status).toBe(401);
    expect(onlyError(response).message).toMatch(/unknown or revoked/);
    expect((await listApiKeys(dataSource)).find((k) => k.id === record.id)).toMatchObject({
      name: 'Temp desk',
      keyHint: key.slice(0, 8),
    });
    expect(await revokeApiKey(dataSource, 987654)).toBeNull();
  });
});

describe('roles', () => {
  const expected: Record<Role, string | null> = {
    anonymous: 'UNAUTHENTICATED',
    partner: 'FORBIDDEN',
    analyst: 'FORBIDDEN',
    editor: null,
    admin: null,
  };

  it.each(ROLES)('%s: every content mutation', async (role) => {
    const mutations = [
      [CREATE, { input: draftInput() }],
      ['mutation { createSource(input: { slug: "s-ROLE", name: "S", kind: OTHER }) { id } }'.replace('ROLE', role), {}],
      ['mutation { createPhoto(input: { url: "https://img.example.org/a.jpg" }) { id } }', {}],
      ['mutation { createRegion(input: { code: "r-ROLE", name: "R", kind: OTHER }) { id } }'.replace('ROLE', role), {}],
    ] as const;
    for (const [mutation, variables] of mutations) {
      const response = await server.query(mutation, variables, headers[role]);
      if (expected[role] === null) {
        expect(response.errors).toBeUndefined();
      } else {
        const error = onlyError(response);
        expect(error.code).toBe(expected[role]);
        expect(error.message).toMatch(
          role === 'anonymous'
            ? /needs an API key with role editor or admin/
            : new RegExp(`not open to the ${role} role`),
        );
        expect(response.status).toBe(200);
      }
    }
  });

  const sample = Buffer.from('Article:1').toString('base64url');
  it.each(['anonymous', 'partner', 'analyst'] as Role[])('%s: cannot change or delete an article', async (role) => {
    const read = '{ article(slug: "whats-happening-in-kazakhstan") { title version status } }';
    const before = (await server.query(read)).data!.article;
    expect(before).toMatchObject({ status: 'PUBLISHED' });
    for (const mutation of [
      `mutation { updateArticle(input: { id: "${sample}", version: ${before.version}, title: "X" }) { id } }`,
      `mutation { publishArticle(id: "${sample}") { id } }`,
      `mutation { unpublishArticle(id: "${sample}") { id } }`,
      `mutation { archiveArticle(id: "${sample}") { id } }`,
      `mutation { deleteArticle(id: "${sample}") }`,
      `mutation { updateSource(input: { id: "${Buffer.from('Source:1').toString('base64url')}", name: "X" }) { id } }`,
      `mutation { updatePhoto(input: { id: "${Buffer.from('Photo:1').toString('base64url')}", caption: "X" }) { id } }`,
      `mutation { updateRegion(input: { id: "${Buffer.from('Region:1').toString('base64url')}", name: "X" }) { id } }`,
    ]) {
      expect(onlyError(await server.query(mutation, {}, headers[role])).code).toBe(expected[role]);
    }
    expect((await server.query(read)).data!.article).toEqual(before);
  });

  it.each(ROLES)('%s: the deletion feed', async (role) => {
    const response = await server.query('{ tombstones { sequence } }', {}, headers[role]);
    const code = { anonymous: 'UNAUTHENTICATED', analyst: 'FORBIDDEN' }[role as string] ?? null;
    if (code) expect(onlyError(response).code).toBe(code);
    else expect(response.errors).toBeUndefined();
  });
});
