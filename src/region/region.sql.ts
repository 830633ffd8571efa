import { Db } from '../db/db';
import { toGlobalId } from '../node/global-id';
import { Region, RegionKind } from './region.entity';

export const REGION_COLUMNS = 'r.id, r.code, r.name, r.kind, r.parent_id, r.created_at, r.updated_at';

export interface RegionRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  created_at: unknown;
  updated_at: unknown;
}

export function toRegion(db: Db, row: RegionRow): Region {
  const region = new Region();
  region.rowId = Number(row.id);
  region.id = toGlobalId('Region', region.rowId);
  region.code = row.code;
  region.name = row.name;
  region.kind = row.kind as RegionKind;
  region.parentId = row.parent_id === null ? null : Number(row.parent_id);
  region.createdAt = db.readTime(row.created_at);
  region.updatedAt = db.readTime(row.updated_at);
  return region;
}
