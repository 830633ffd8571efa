import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Headers } from './editorial';
import type { GraphQLResponse, TestServer } from './server';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const REPORT = /* GraphQL */ `
  action language flagged boilerplateLines
  created { type id name note }
  linked { type id name note }
  unresolved { kind text reason }
  article {
    id slug title body language label byline status version publishedAt
    citations { position context source { slug } }
    photos { id url caption altText creditLine credit { slug } }
    regions { code }
  }
`;

export const IMPORT = /* GraphQL */ `
  mutation Import($document: String!, $format: ImportFormat!, $publish: Boolean, $publishedAt: DateTime) {
    importArticle(document: $document, format: $format, publish: $publish, publishedAt: $publishedAt) { ${REPORT} }
  }
`;

export function importArticle(
  server: TestServer,
  headers: Headers,
  document: string,
  format: 'TEXT' | 'HTML' | 'NINJS',
  publish?: boolean,
  publishedAt?: string,
): Promise<GraphQLResponse> {
  return server.query(IMPORT, { document, format, publish, publishedAt }, headers);
}

/** Imports a document that must import, and returns the report. */
export async function imported(
  server: TestServer,
  headers: Headers,
  document: string,
  format: 'TEXT' | 'HTML' | 'NINJS',
  publish?: boolean,
  publishedAt?: string,
): Promise<any> {
  const response = await importArticle(server, headers, document, format, publish, publishedAt);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.importArticle;
}
