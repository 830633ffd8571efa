import { In, Not, ObjectLiteral } from 'typeorm';
import { badInput } from '../errors';
import { NodeTypeName, toGlobalId } from '../node/global-id';
import type { Tx } from './transaction';

/**
 * Checks a mutation makes inside its transaction before writing, so a client gets a message naming
 * its field instead of a constraint failure.
 */

/** An entity class whose rows have a `rowId`. */
type Keyed = new () => ObjectLiteral & { rowId: number };

/** Refuses `value` when another row of `target` already has it in `property`. */
export async function assertUnique(
  tx: Tx,
  target: Keyed,
  property: string,
  value: string,
  exceptRowId: number | null,
  field: string,
  what: string,
): Promise<void> {
  const where = { [property]: value, ...(exceptRowId === null ? {} : { rowId: Not(exceptRowId) }) };
  if (await tx.manager.exists(target, { where })) {
    const name = field.split('.').pop();
    throw badInput(field, `${name} "${value}" is already used by another ${what}; choose another.`);
  }
}

/** Refuses ids (already decoded to row ids, in input order) for which `target` has no row. */
export async function assertExisting(
  tx: Tx,
  target: Keyed,
  type: NodeTypeName,
  rowIds: readonly number[],
  field: string,
): Promise<void> {
  if (rowIds.length === 0) return;
  const found = await tx.manager.find(target, { select: { rowId: true }, where: { rowId: In([...rowIds]) } });
  const ids = new Set(found.map((row) => row.rowId));
  const missing = rowIds.find((id) => !ids.has(id));
  if (missing !== undefined) {
    throw badInput(field, `There is no ${type} with id "${toGlobalId(type, missing)}"; remove it or create it first.`);
  }
}

/** Keeps the entries that are not undefined: in an update input, undefined means "leave as it is". */
export function given<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
