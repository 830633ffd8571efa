import type { RequestContext } from '../context';
import { rowIdOrNull } from '../node/global-id';
import { Article } from './article.entity';

/** What the gateway sends for an Article: one of its keys (article.entity.ts). */
export interface ArticleRepresentation {
  id?: unknown;
  slug?: unknown;
}

/**
 * Resolves the gateway's references through the request's loaders, so the hundred Articles of one
 * `_entities` call are one statement, filtered by the caller's visibility like any other read.
 */
export function resolveArticleReference(
  reference: ArticleRepresentation,
  { loaders }: RequestContext,
): Promise<Article | null> | null {
  if (reference.id !== undefined) {
    const rowId = rowIdOrNull(reference.id, 'Article');
    return rowId === null ? null : loaders.article.byId.load(rowId);
  }
  return typeof reference.slug === 'string' ? loaders.article.bySlug.load(reference.slug) : null;
}
