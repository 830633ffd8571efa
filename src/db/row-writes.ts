import { badInput } from '../errors';
import { uniqueViolation } from './constraint-errors';
import type { Db } from './db';
import { inTransaction, Tx } from './transaction';

/**
 * Runs one mutation's transaction with the time it writes as `updated_at`. `unique` maps a unique
 * constraint ("table.column") to the input field it guards: a duplicate a concurrent writer
 * committed between our check and our write still reaches the client as BAD_USER_INPUT.
 */
export async function write<T>(
  db: Db,
  work: (tx: Tx, now: Date) => Promise<T>,
  unique: Record<string, string> = {},
): Promise<T> {
  try {
    return await inTransaction(db.dataSource, (tx) => work(tx, new Date()));
  } catch (error) {
    const field = unique[uniqueViolation(error) ?? ''];
    if (field)
      throw badInput(field, `This ${field.split('.').pop()} was just taken by another writer; choose another.`);
    throw error;
  }
}

/** A `t.a, t.b` column list as SQLite's RETURNING needs it: bare names. */
export const returning = (columns: string): string => `RETURNING ${columns.replace(/\b[a-z]\./g, '')}`;

export async function insertRow<T>(
  tx: Tx,
  table: string,
  values: Record<string, unknown>,
  now: Date,
  columns: string,
): Promise<T> {
  const names = Object.keys(values);
  const [row] = await tx.query<T>(
    `INSERT INTO ${table} (${[...names, 'created_at', 'updated_at'].join(', ')})
     VALUES (${[...names.map((name) => `:${name}`), ':now', ':now'].join(', ')}) ${returning(columns)}`,
    { ...values, now },
  );
  return row;
}

/** Sets `values` (column → value) and updated_at; null when there is no such row. */
export async function updateRow<T>(
  tx: Tx,
  table: string,
  rowId: number,
  values: Record<string, unknown>,
  now: Date,
  columns: string,
): Promise<T | null> {
  const sets = [...Object.keys(values).map((name) => `${name} = :${name}`), 'updated_at = :now'];
  const [row] = await tx.query<T>(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = :rowId ${returning(columns)}`, {
    ...values,
    now,
    rowId,
  });
  return row ?? null;
}

/** Keeps the entries that are not undefined: in an update input, undefined means "leave as it is". */
export function given(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
