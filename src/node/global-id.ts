import { badInput } from '../errors';

export type NodeTypeName = 'Article' | 'Source' | 'Photo' | 'Region';
const NODE_TYPES: readonly NodeTypeName[] = ['Article', 'Source', 'Photo', 'Region'];
/**
 * Parts of an article with ids of their own, for the mutations that change them: read through
 * their article only, so they are not Nodes and `node(id:)` does not take their ids.
 */
export type PartTypeName = 'FactCheck' | 'Correction';
const PART_TYPES: readonly PartTypeName[] = ['FactCheck', 'Correction'];
export type IdTypeName = NodeTypeName | PartTypeName;

/**
 * Global ids are base64url("<Type>:<rowId>"): opaque to clients, stable across the gateway, and
 * they tell `node(id:)` which table to read without a lookup.
 */
export function toGlobalId(type: IdTypeName, rowId: number): string {
  return Buffer.from(`${type}:${rowId}`).toString('base64url');
}

export interface DecodedId<T extends IdTypeName = NodeTypeName> {
  type: T;
  rowId: number;
}

/**
 * The largest row id any table can hold: ids are PostgreSQL `integer`s (SQLite's are wider, but
 * an id means the same on both). A number beyond it names no row, and must not reach a statement,
 * where PostgreSQL would refuse it as out of range.
 */
export const MAX_ROW_ID = 2_147_483_647;

export const isRowId = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ROW_ID;

/**
 * Decodes a global id, or returns null when it is not one of ours (or names a row that cannot
 * exist). Node ids only, unless `types` widens it to the parts' ids.
 */
export function decodeGlobalId(id: string): DecodedId | null;
export function decodeGlobalId(id: string, types: readonly IdTypeName[]): DecodedId<IdTypeName> | null;
export function decodeGlobalId(id: string, types: readonly IdTypeName[] = NODE_TYPES): DecodedId<IdTypeName> | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  if (!match || !types.includes(match[1] as IdTypeName)) return null;
  const rowId = Number(match[2]);
  return isRowId(rowId) ? { type: match[1] as IdTypeName, rowId } : null;
}

/** The row id behind a global id of the expected type; a malformed or foreign id is BAD_USER_INPUT. */
export function rowIdOf(id: string, expected: IdTypeName, field: string): number {
  const decoded = decodeGlobalId(id, [...NODE_TYPES, ...PART_TYPES]);
  if (!decoded) {
    throw badInput(field, `"${id}" is not a valid ${expected} id; pass the id field of ${withArticle(expected)}.`);
  }
  if (decoded.type !== expected) {
    throw badInput(field, `"${id}" is the id of ${withArticle(decoded.type)}, not of ${withArticle(expected)}.`);
  }
  return decoded.rowId;
}

const withArticle = (type: string): string => `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;

/**
 * The row id behind a global id of the expected type, or null. For federation references: a
 * representation naming something that is not ours resolves to null, as a missing row does.
 */
export function rowIdOrNull(id: unknown, expected: NodeTypeName): number | null {
  const decoded = typeof id === 'string' ? decodeGlobalId(id) : null;
  return decoded && decoded.type === expected ? decoded.rowId : null;
}
