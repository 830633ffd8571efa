import { Db } from '../db/db';
import { toGlobalId } from '../node/global-id';
import { Source, SourceKind } from './source.entity';

/**
 * The columns the API reads. created_at and updated_at are bookkeeping, not fields, so they are not
 * read: parsing two timestamps per joined row cost a front page about 15 % of its CPU (bench/).
 */
export const SOURCE_COLUMNS = 's.id, s.slug, s.name, s.kind, s.url, s.state_affiliated, s.country_id';

export interface SourceRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  url: string | null;
  state_affiliated: unknown;
  country_id: number | null;
}

export function toSource(db: Db, row: SourceRow): Source {
  const source = new Source();
  source.rowId = Number(row.id);
  source.id = toGlobalId('Source', source.rowId);
  source.slug = row.slug;
  source.name = row.name;
  source.kind = row.kind as SourceKind;
  source.url = row.url;
  source.stateAffiliated = db.readBool(row.state_affiliated);
  source.countryId = row.country_id === null ? null : Number(row.country_id);
  return source;
}
