import { badInput } from '../errors';
import { decodeCursor, Position, scopeOf } from './cursor';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first: number;
  after: Position | null;
  scope: string;
}

/** Validates `first`/`after` for the list identified by `list` + `scopeArgs`. */
export function pageRequest(
  list: string,
  scopeArgs: unknown,
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest {
  const size = pageSize(first);
  const scope = scopeOf(list, scopeArgs);
  return { first: size, after: after ? decodeCursor(after, scope) : null, scope };
}

/** `first` checked, or the default when it was not given. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(
      'first',
      `first must be between 0 and ${MAX_PAGE_SIZE}, got ${size}; page through longer lists with after.`,
    );
  }
  return size;
}
