import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ExecuteOperation, runOperation, sendText } from './http-exports';

/** GET /syndication/articles/<article id>.ninjs.json */
export const NINJS_PATH = /^\/syndication\/articles\/([^/]+)\.ninjs\.json$/;

/** Safelisted (scripts/reference-operations.ts), so keys restricted to the safelist can fetch ninjs. */
export const ARTICLE_NINJS_QUERY = /* GraphQL */ `
  query ArticleNinjs($id: ID!) {
    article(id: $id) {
      ninjs
    }
  }
`;

interface NinjsData {
  article: { ninjs: unknown } | null;
}

/**
 * An article as an IPTC ninjs document, for partners' systems that fetch files rather than speak
 * GraphQL: Article.ninjs, run through the gateway's own pipeline with the caller's key (so a partner
 * gets only the photos it may republish, and rate limits and logs apply). 404 for an article the
 * caller cannot see; other errors as text with the status their code means.
 */
export async function articleNinjs(
  req: IncomingMessage,
  res: ServerResponse,
  /** As it stands in the path, percent-encoded. */
  pathId: string,
  execute: ExecuteOperation,
  log: Pick<Logger, 'error'>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Articles in ninjs are read with GET.', { allow: 'GET, HEAD' });
  }
  let id: string;
  try {
    id = decodeURIComponent(pathId);
  } catch {
    return sendText(res, 400, `"${pathId}" is not an article id; use the id the API gives, e.g. QXJ0aWNsZTox.`);
  }
  const answer = await runOperation<NinjsData>(
    req,
    res,
    execute,
    { query: ARTICLE_NINJS_QUERY, variables: { id } },
    log,
  );
  if (!answer) return;
  const { article } = answer.data;
  if (!article) return sendText(res, 404, `There is no article "${id}" that this caller may read.`);
  const body = JSON.stringify(article.ninjs);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // What the gateway said of the GraphQL answer: public for anonymous readers, private for a key.
    'cache-control': answer.headers.get('cache-control') ?? 'no-store',
    vary: 'authorization',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
