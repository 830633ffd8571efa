import { toGlobalId } from '../node/global-id';
import { Region, RegionKind } from './region.entity';

/**
 * The columns the API reads. created_at and updated_at are bookkeeping, not fields, so they are not
 * read: parsing two timestamps per joined row cost a front page about 15 % of its CPU (bench/).
 */
export const REGION_COLUMNS = 'r.id, r.code, r.name, r.kind, r.parent_id';

export interface RegionRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
}

export function toRegion(row: RegionRow): Region {
  const region = new Region();
  region.rowId = Number(row.id);
  region.id = toGlobalId('Region', region.rowId);
  region.code = row.code;
  region.name = row.name;
  region.kind = row.kind as RegionKind;
  region.parentId = row.parent_id === null ? null : Number(row.parent_id);
  return region;
}
