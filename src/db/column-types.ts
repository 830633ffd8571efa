import { PrimaryGeneratedColumn } from 'typeorm';
import { config } from '../config';

/**
 * What differs between the two supported databases in the entities. Decorators are evaluated once
 * at import, so one process serves one kind of database (the test runner gives each kind its own
 * project and module registry).
 */
const postgres = config.database.kind === 'postgres';

export const timestampType = postgres ? 'timestamptz' : 'datetime';

/** The row id: an identity column on PostgreSQL, AUTOINCREMENT on SQLite (ids are never reused). */
export const IdColumn = (): PropertyDecorator =>
  postgres
    ? PrimaryGeneratedColumn('identity', { name: 'id', generatedIdentity: 'BY DEFAULT' })
    : PrimaryGeneratedColumn('increment', { name: 'id' });

/** `decorator` on PostgreSQL; nothing on SQLite (a column only PostgreSQL has, e.g. a tsvector). */
export const onPostgres =
  (decorator: PropertyDecorator): PropertyDecorator =>
  (target, property) => {
    if (postgres) decorator(target, property);
  };

/** An IN list of allowed values for a CHECK constraint on a varchar column holding an enum. */
export const oneOf = (column: string, values: readonly string[]): string =>
  `"${column}" IN (${values.map((value) => `'${value}'`).join(', ')})`;
