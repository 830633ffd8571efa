import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** A row as the driver returns it: result column name to value. */
export type RawRow = Record<string, unknown>;

/**
 * Raw rows to entities through TypeORM's metadata: the columns an entity declares are selected
 * under `<alias>_<column>` and turned back into its properties by the driver's own conversion
 * (dates, booleans, JSON), so no column list, row type or mapper is written by hand. Used instead of
 * `getMany()`, whose hydration of joined rows costs several times the statement on a page of a
 * hundred articles, and so that several entities can come out of one joined row (a photo and its
 * credited source) to prime their loaders.
 */
/**
 * Column types whose values every driver here returns as the property holds them (strings and
 * integers): those skip the driver's conversion, which is a chain of type tests per value and was
 * most of what a page of rows cost to map. Dates, booleans and JSON go through the driver.
 */
const AS_RETURNED = new Set<unknown>(['varchar', 'character varying', 'text', 'integer', 'int']);

export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: readonly ColumnMetadata[];
  /** Per column, the driver's conversion, or null where its value is the property's as returned. */
  private readonly convert: readonly (((value: unknown) => unknown) | null)[];
  private readonly properties: readonly string[];
  private readonly keysByAlias = new Map<string, string[]>();

  constructor(
    dataSource: DataSource,
    private readonly target: new () => T,
    /** Properties never read by the API; left out of every select (e.g. bookkeeping timestamps). */
    options: { skip?: readonly (keyof T & string)[] } = {},
  ) {
    const skip = new Set<string>(options.skip ?? []);
    // `select: false` columns (PostgreSQL's search document) are read only by the statements that need them.
    this.columns = dataSource
      .getMetadata(target)
      .columns.filter((column) => column.isSelect && !skip.has(column.propertyName));
    this.properties = this.columns.map((column) => column.propertyName);
    const driver = dataSource.driver;
    this.convert = this.columns.map((column) =>
      AS_RETURNED.has(column.type) && !column.transformer
        ? null
        : (value: unknown) => driver.prepareHydratedValue(value, column),
    );
  }

  /** Adds this entity's columns, from the table or subquery aliased `alias`, to the select list. */
  selectFrom<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, alias: string): Q {
    const keys = this.keysOf(alias);
    this.columns.forEach((column, index) => query.addSelect(`${alias}.${column.databaseName}`, keys[index]));
    return query;
  }

  /** The same selection as selectFrom, as text, for a statement the builder cannot put together. */
  selectList(alias: string): string {
    const keys = this.keysOf(alias);
    return this.columns.map((column, index) => `${alias}.${column.databaseName} AS "${keys[index]}"`).join(', ');
  }

  /** The entity in `row` under `alias`. */
  read(row: RawRow, alias: string): T {
    const keys = this.keysOf(alias);
    const entity = new this.target() as Record<string, unknown>;
    for (let index = 0; index < keys.length; index += 1) {
      const value = row[keys[index]];
      const convert = this.convert[index];
      entity[this.properties[index]] = convert === null ? value : convert(value);
    }
    return entity as T;
  }

  /** The entity under `alias`, or null where a LEFT JOIN found none (its primary key is null). */
  readJoined(row: RawRow, alias: string): T | null {
    const primary = this.columns.findIndex((column) => column.isPrimary);
    return row[this.keysOf(alias)[primary]] == null ? null : this.read(row, alias);
  }

  private keysOf(alias: string): string[] {
    let keys = this.keysByAlias.get(alias);
    if (!keys) {
      keys = this.columns.map((column) => `${alias}_${column.databaseName}`);
      this.keysByAlias.set(alias, keys);
    }
    return keys;
  }
}
