import type { RequestContext } from '../context';
import { rowIdOrNull } from '../node/global-id';
import { Source } from './source.entity';

/** What the gateway sends for a Source: one of its keys (source.entity.ts). */
export interface SourceRepresentation {
  id?: unknown;
  slug?: unknown;
}

export function resolveSourceReference(
  reference: SourceRepresentation,
  { loaders }: RequestContext,
): Promise<Source | null> | null {
  if (reference.id !== undefined) {
    const rowId = rowIdOrNull(reference.id, 'Source');
    return rowId === null ? null : loaders.source.byId.load(rowId);
  }
  return typeof reference.slug === 'string' ? loaders.source.bySlug.load(reference.slug) : null;
}
