import { QueryFailedError } from 'typeorm';

/**
 * "table.column" of the unique constraint a failed statement broke, or null. Checks before writing
 * catch most duplicates with a friendly message; this catches the ones a concurrent writer slipped
 * in between the check and the write.
 */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; table?: string; detail?: string; message?: string };
  if (driverError.code === '23505') {
    const column = /^Key \(([^)]+)\)=/.exec(driverError.detail ?? '')?.[1];
    return driverError.table && column ? `${driverError.table}.${column}` : null;
  }
  if (driverError.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return /UNIQUE constraint failed: (\S+)/.exec(driverError.message ?? '')?.[1] ?? null;
  }
  return null;
}

/**
 * Whether PostgreSQL ended the transaction to break a deadlock (40P01): it was rolled back whole,
 * and running it again is safe.
 */
export function isDeadlock(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '40P01';
}
