import { DataSource } from 'typeorm';
import { GeneratedContent, GeneratedContentOptions, insertGeneratedContent } from '../../src/seed/generated-content';
import { startTestServer, TestServer } from './server';

/** A few hundred articles (every 10th a draft) over a 4-level region tree, without the sample. */
export async function startGeneratedServer(
  options: { batching?: boolean } = {},
): Promise<{ server: TestServer; content: GeneratedContent }> {
  const server = await startTestServer({ sample: false, ...options });
  const content = await insertGeneratedContent(server.database.dataSource, {
    articles: 300,
    sources: 60,
    regionFanout: [2, 2, 3, 2],
    bodyBytes: 300,
    draftEvery: 10,
  });
  return { server, content };
}

/** Follows `after` cursors to the end of a connection, as `headers` say; `pick` takes the connection out of `data`. */
export async function walkPages(
  server: TestServer,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => any,
  headers?: Record<string, string>,
): Promise<{ nodes: any[]; pages: any[] }> {
  const nodes: any[] = [];
  const pages: any[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard += 1) {
    const { data, errors } = await server.query(query, { ...variables, after }, headers);
    if (errors) throw new Error(JSON.stringify(errors));
    const connection = pick(data);
    pages.push(connection);
    nodes.push(...connection.edges.map((edge: { node: unknown }) => edge.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

/**
 * insertGeneratedContent while a test server in this process holds keep-alive connections. On
 * SQLite the insert keeps the event loop busy for seconds; the server's idle timeout and the
 * client's fall due together when it ends, and a request sent in that same turn can go out on a
 * socket the server is closing (ECONNRESET). One timer turn lets those timeouts run first.
 */
export async function insertWhileServing(dataSource: DataSource, options: GeneratedContentOptions) {
  const content = await insertGeneratedContent(dataSource, options);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return content;
}
