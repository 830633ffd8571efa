import { toGlobalId } from '../node/global-id';
import { Photo } from './photo.entity';

/**
 * The columns the API reads. created_at and updated_at are bookkeeping, not fields, so they are not
 * read: parsing two timestamps per joined row cost a front page about 15 % of its CPU (bench/).
 */
export const PHOTO_COLUMNS = 'p.id, p.url, p.caption, p.alt_text, p.credit_id, p.credit_line';

export interface PhotoRow {
  id: number;
  url: string;
  caption: string | null;
  alt_text: string | null;
  credit_id: number | null;
  credit_line: string | null;
}

export function toPhoto(row: PhotoRow): Photo {
  const photo = new Photo();
  photo.rowId = Number(row.id);
  photo.id = toGlobalId('Photo', photo.rowId);
  photo.url = row.url;
  photo.caption = row.caption;
  photo.altText = row.alt_text;
  photo.creditId = row.credit_id === null ? null : Number(row.credit_id);
  photo.creditLine = row.credit_line;
  return photo;
}
