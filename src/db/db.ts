import { DataSource } from 'typeorm';
import { DatabaseKind } from '../config';

export type Params = Record<string, unknown>;

/**
 * Raw reads for the loaders. Hand-written SQL is used where TypeORM's query builder cannot say it
 * portably (window functions, recursive CTEs) and where hydrating entities would dominate the cost;
 * parameters still go through TypeORM's driver (`:name`, `:...list`), which adapts them to each
 * database's placeholder style and value formats (dates, booleans).
 */
export class Db {
  readonly kind: DatabaseKind;

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async query<T = Record<string, unknown>>(sql: string, params: Params = {}): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return (await this.dataSource.query(text, values)) as T[];
  }

  /** Timestamps come back as Date from PostgreSQL and as UTC text ("2022-01-10 09:00:00.000") from SQLite. */
  readTime(value: unknown): Date {
    if (value instanceof Date) return value;
    return new Date(`${String(value).replace(' ', 'T')}Z`);
  }

  readOptionalTime(value: unknown): Date | null {
    return value === null || value === undefined ? null : this.readTime(value);
  }

  /** PostgreSQL has booleans; SQLite stores 0/1. */
  readBool(value: unknown): boolean {
    return value === true || value === 1 || value === '1';
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
