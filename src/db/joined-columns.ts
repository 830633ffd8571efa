import type DataLoader from 'dataloader';

/**
 * A table joined in beside a loader's main table (a photo's credit, a region's parent): its columns
 * renamed `<prefix>__<column>` so that they cannot collide with the main table's, and read back out
 * of each row. Loaders use it to hand the related row to the related loader (DataLoader.prime), so
 * resolving `credit` or `parent` costs no statement of its own.
 */
export function joinedColumns(columns: string, alias: string, prefix: string): string {
  return columns
    .split(',')
    .map((column) => column.trim().split('.')[1])
    .map((name) => `${alias}.${name} AS ${prefix}__${name}`)
    .join(', ');
}

/** Primes `loader` with each row's joined row (by its id), skipping rows whose LEFT JOIN found none. */
export function primeJoined<R extends { id: number }, V>(
  rows: object[],
  prefix: string,
  loader: DataLoader<number, V | null>,
  convert: (joined: R) => V,
): void {
  for (const row of rows) {
    const joined = joinedRow<R>(row, prefix);
    if (joined) loader.prime(Number(joined.id), convert(joined));
  }
}

/** The joined table's columns of `row`, or null where the LEFT JOIN found no row. */
export function joinedRow<T>(row: object, prefix: string): T | null {
  const start = `${prefix}__`;
  const values = row as Record<string, unknown>;
  if (values[`${start}id`] === null || values[`${start}id`] === undefined) return null;
  const joined: Record<string, unknown> = {};
  for (const key of Object.keys(values)) if (key.startsWith(start)) joined[key.slice(start.length)] = values[key];
  return joined as T;
}
