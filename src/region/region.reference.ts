import type { RequestContext } from '../context';
import { rowIdOrNull } from '../node/global-id';
import { Region } from './region.entity';

/** What the gateway sends for a Region: one of its keys (region.entity.ts). */
export interface RegionRepresentation {
  id?: unknown;
  code?: unknown;
}

export function resolveRegionReference(
  reference: RegionRepresentation,
  { loaders }: RequestContext,
): Promise<Region | null> | null {
  if (reference.id !== undefined) {
    const rowId = rowIdOrNull(reference.id, 'Region');
    return rowId === null ? null : loaders.region.byId.load(rowId);
  }
  return typeof reference.code === 'string' ? loaders.region.byCode.load(reference.code) : null;
}
