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
  const [sortKey, rowId] = readCursor(
    cursor,
    scope,
    field,
    (key) => typeof key === 'string' && SORT_KEY_FORMAT.test(key) && !Number.isNaN(Date.parse(key)),
  );
  return { sortKey: new Date(sortKey as string), rowId };
}

/** A position in a list ordered by relevance, (score DESC, rowId DESC): search hits. */
export interface RankPosition {
  score: number;
  rowId: number;
}

/** Like encodeCursor; the score is written as the number it is, so the next page starts exactly after it. */
export function encodeRankCursor(scope: string, position: RankPosition): string {
  return Buffer.from(JSON.stringify([scope, position.score, position.rowId])).toString('base64url');
}

export function decodeRankCursor(cursor: string, scope: string, field = 'after'): RankPosition {
  const [score, rowId] = readCursor(cursor, scope, field, (key) => typeof key === 'number' && Number.isFinite(key));
  return { score: score as number, rowId };
}

/** The key and row id of a cursor made for `scope`; BAD_USER_INPUT for anything else. */
function readCursor(cursor: string, scope: string, field: string, isKey: (key: unknown) => boolean): [unknown, number] {
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
    !isKey(parsed[1]) ||
    !isRowId(parsed[2])
  ) {
    throw badInput(field, `"${cursor}" is not a valid cursor; pass the cursor or endCursor of a previous page.`);
  }
  if (parsed[0] !== scope) {
    throw badInput(
      field,
      'This cursor belongs to a different list or filter; start again without `after` when the filter changes.',
    );
  }
  return [parsed[1], parsed[2] as number];
}
