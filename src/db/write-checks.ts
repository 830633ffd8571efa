import { badInput } from '../errors';
import { NodeTypeName, toGlobalId } from '../node/global-id';
import type { Tx } from './transaction';

/**
 * Checks a mutation makes inside its transaction before writing, so a client gets a message naming
 * its field instead of a constraint failure. Table and column names come from code, never input.
 */

/** Refuses `value` when another row of `table` already has it in `column`. */
export async function assertUnique(
  tx: Tx,
  target: { table: string; column: string; what: string },
  value: string,
  exceptRowId: number | null,
  field: string,
): Promise<void> {
  const [taken] = await tx.query<{ id: number }>(
    `SELECT id FROM ${target.table} WHERE ${target.column} = :value AND id <> :except`,
    { value, except: exceptRowId ?? 0 },
  );
  if (taken) {
    const name = field.split('.').pop();
    throw badInput(field, `${name} "${value}" is already used by another ${target.what}; choose another.`);
  }
}

/** Refuses ids (already decoded to row ids, in input order) for which `table` has no row. */
export async function assertExisting(
  tx: Tx,
  table: string,
  type: NodeTypeName,
  rowIds: readonly number[],
  field: string,
): Promise<void> {
  if (rowIds.length === 0) return;
  const found = new Set(
    (await tx.query<{ id: number }>(`SELECT id FROM ${table} WHERE id IN (:...ids)`, { ids: [...rowIds] })).map((row) =>
      Number(row.id),
    ),
  );
  const missing = rowIds.find((id) => !found.has(id));
  if (missing !== undefined) {
    throw badInput(field, `There is no ${type} with id "${toGlobalId(type, missing)}"; remove it or create it first.`);
  }
}
