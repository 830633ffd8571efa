import { Db } from '../db/db';
import { toGlobalId } from '../node/global-id';
import { Photo } from './photo.entity';

export const PHOTO_COLUMNS =
  'p.id, p.url, p.caption, p.alt_text, p.credit_id, p.credit_line, p.created_at, p.updated_at';

export interface PhotoRow {
  id: number;
  url: string;
  caption: string | null;
  alt_text: string | null;
  credit_id: number | null;
  credit_line: string | null;
  created_at: unknown;
  updated_at: unknown;
}

export function toPhoto(db: Db, row: PhotoRow): Photo {
  const photo = new Photo();
  photo.rowId = Number(row.id);
  photo.id = toGlobalId('Photo', photo.rowId);
  photo.url = row.url;
  photo.caption = row.caption;
  photo.altText = row.alt_text;
  photo.creditId = row.credit_id === null ? null : Number(row.credit_id);
  photo.creditLine = row.credit_line;
  photo.createdAt = db.readTime(row.created_at);
  photo.updatedAt = db.readTime(row.updated_at);
  return photo;
}
