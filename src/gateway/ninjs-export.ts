import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ExecuteOperation, operationHeaders, sendText, STATUS_BY_CODE } from './http-exports';

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

interface NinjsAnswer {
  data?: { article: { ninjs: unknown } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
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
  let answer: NinjsAnswer;
  let response: Response;
  try {
    response = await execute(JSON.stringify({ query: ARTICLE_NINJS_QUERY, variables: { id } }), operationHeaders(req));
    answer = (await response.json()) as NinjsAnswer;
  } catch (error) {
    log.error({ err: error }, 'ninjs export: the gateway gave no GraphQL answer');
    return sendText(res, 502, 'The article could not be read; retry in a moment.');
  }
  const [error] = answer.errors ?? [];
  if (error) {
    const status = STATUS_BY_CODE[error.extensions?.code ?? ''] ?? 502;
    const retryAfter = response.headers.get('retry-after');
    return sendText(res, status, error.message, {
      ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...(retryAfter ? { 'retry-after': retryAfter } : {}),
    });
  }
  const article = answer.data?.article;
  if (!article) return sendText(res, 404, `There is no article "${id}" that this caller may read.`);
  const body = JSON.stringify(article.ninjs);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // What the gateway said of the GraphQL answer: public for anonymous readers, private for a key.
    'cache-control': response.headers.get('cache-control') ?? 'no-store',
    vary: 'authorization',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
