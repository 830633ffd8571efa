import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { DatabaseKind } from '../config';
import { countStatement } from './query-stats';

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
    if (this.kind === 'postgres') return this.queryPostgres<T>(sql, params);
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return (await this.dataSource.query(text, values)) as T[];
  }

  /**
   * Reads on PostgreSQL go to pg's pool directly, as named prepared statements: each connection
   * parses a statement once instead of on every request, and TypeORM's query runner (a pool
   * checkout wrapped in an object, logging, events) is skipped on the hot path (bench/README.md).
   * A key list `IN (:...keys)` is sent as one array, `= ANY(:keys)`, so a batch of 3 keys and one
   * of 97 are the same statement rather than two texts to parse and plan.
   */
  private async queryPostgres<T>(sql: string, params: Params): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(
      sql.replace(KEY_LIST, '= ANY(:$1)'),
      params,
      {},
    );
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    countStatement();
    const result = await pool.query({ name: statementNames.nameOf(text), text, values: values as unknown[] });
    return result.rows as T[];
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

/** TypeORM's spread parameter in an IN list: `IN (:...keys)`. */
const KEY_LIST = /\bIN \(:\.\.\.(\w+)\)/g;

/**
 * A name per distinct statement text, the same on every connection of the process and for every Db
 * sharing a pool (pg prepares a name once per connection and refuses one name for two texts). The
 * texts are this service's own SQL with parameters, so there are a few dozen; past MAX a text goes
 * unnamed (parsed each time) rather than letting a statement built from values grow every
 * connection's cache without end.
 */
class PreparedStatementNames {
  private static readonly MAX = 500;
  private readonly names = new Map<string, string>();

  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < PreparedStatementNames.MAX) {
      name = `content_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}

const statementNames = new PreparedStatementNames();
