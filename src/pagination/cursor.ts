import { createHash } from 'node:crypto';
import { badInput } from '../errors';
import { isRowId } from '../node/global-id';

/** How encodeCursor writes a sort key; anything else was not made here. */
const SORT_KEY_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A position in a list ordered by (sortKey DESC, rowId DESC). */
export interface Position {
  sortKey: Date;
  rowId: number;
}

/**
 * Cursors are opaque to clients: base64url of [scope, sortKey, rowId]. The scope is a hash of the
 * list's identity (field and filter), so a cursor taken from one list and sent to another is
 * refused instead of silently skipping or repeating rows.
 */
export function scopeOf(list: string, args: unknown): string {
  return createHash('sha256')
    .update(`${list}\0${JSON.stringify(args ?? null)}`)
    .digest('base64url')
    .slice(0, 10);
}

export function encodeCursor(scope: string, position: Position): string {
  return Buffer.from(JSON.stringify([scope, position.sortKey.toISOString(), position.rowId])).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string, field = 'after'): Position {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    !isRowId(parsed[2]) ||
    !SORT_KEY_FORMAT.test(parsed[1]) ||
    Number.isNaN(Date.parse(parsed[1]))
  ) {
    throw badInput(field, `"${cursor}" is not a valid cursor; pass the cursor or endCursor of a previous page.`);
  }
  if (parsed[0] !== scope) {
    throw badInput(
      field,
      'This cursor belongs to a different list or filter; start again without `after` when the filter changes.',
    );
  }
  return { sortKey: new Date(parsed[1]), rowId: parsed[2] as number };
}
