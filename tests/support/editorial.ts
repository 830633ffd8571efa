import { createApiKey } from '../../src/auth/api-keys';
import type { Role } from '../../src/viewer';
import { GraphQLResponse, startTestServer, TestServer } from './server';

export const ROLES: readonly Role[] = ['anonymous', 'partner', 'analyst', 'editor', 'admin'];
export type Headers = Record<string, string>;

/** Request headers per role; keys come from the module the `apikey` CLI uses. */
export async function headersByRole(server: TestServer): Promise<Record<Role, Headers>> {
  const headers = { anonymous: {} } as Record<Role, Headers>;
  for (const role of ROLES.filter((r) => r !== 'anonymous')) {
    const { key } = await createApiKey(server.database.dataSource, { role, name: `test ${role}` });
    headers[role] = { authorization: `Bearer ${key}` };
  }
  return headers;
}

/** Runs an operation that must succeed and returns its data. */
export async function ok(
  server: Pick<TestServer, 'query'>,
  headers: Headers,
  query: string,
  variables?: Record<string, unknown>,
): Promise<any> {
  const response = await server.query(query, variables, headers);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

/** The one error an operation must fail with. */
export function onlyError(response: GraphQLResponse<unknown>): { code: string; field?: string; message: string } {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}

export const ARTICLE_FIELDS = /* GraphQL */ `
  id slug title summary body language label byline status version publishedAt updatedAt deletedAt
  sources { id slug } photos { id } regions { id code }
  citations { position context source { slug } }
`;

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { ${ARTICLE_FIELDS} } }
`;
export const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateArticleInput!) { updateArticle(input: $input) { ${ARTICLE_FIELDS} } }
`;
export const MOVE = (mutation: 'publishArticle' | 'unpublishArticle' | 'archiveArticle') => /* GraphQL */ `
  mutation Move($id: ID!) { ${mutation}(id: $id) { ${ARTICLE_FIELDS} } }
`;
export const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteArticle(id: $id)
  }
`;

let counter = 0;
/** A valid CreateArticleInput with a fresh slug, for tests to override. */
export function draftInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    slug: `test-article-${process.pid}-${counter}`,
    title: `Test article ${counter}`,
    body: 'First paragraph.\n\nSecond paragraph.',
    language: 'en',
    ...overrides,
  };
}

/** Global ids of sample rows, looked up through the API. */
export async function sampleIds(
  server: TestServer,
): Promise<{ sources: Record<string, string>; regions: Record<string, string>; photos: string[] }> {
  const data = await ok(
    server,
    {},
    `{ sources { id slug } regions { id code }
       article(slug: "whats-happening-in-kazakhstan") { photos { id } } }`,
  );
  return {
    sources: Object.fromEntries(data.sources.map((s: any) => [s.slug, s.id])),
    regions: Object.fromEntries(data.regions.map((r: any) => [r.code, r.id])),
    photos: data.article.photos.map((p: any) => p.id),
  };
}

export type SampleIds = Awaited<ReturnType<typeof sampleIds>>;

/** The sample content served fresh, an editor's key, and the sample's ids: what editorial tests start from. */
export async function startEditorialServer(): Promise<{ server: TestServer; editor: Headers; ids: SampleIds }> {
  const server = await startTestServer();
  return { server, editor: (await headersByRole(server)).editor, ids: await sampleIds(server) };
}
