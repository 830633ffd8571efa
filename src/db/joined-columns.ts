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

/** The joined table's columns of `row`, or null where the LEFT JOIN found no row. */
export function joinedRow<T>(row: object, prefix: string): T | null {
  const start = `${prefix}__`;
  const values = row as Record<string, unknown>;
  if (values[`${start}id`] === null || values[`${start}id`] === undefined) return null;
  const joined: Record<string, unknown> = {};
  for (const key of Object.keys(values)) if (key.startsWith(start)) joined[key.slice(start.length)] = values[key];
  return joined as T;
}
