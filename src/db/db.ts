import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { DatabaseKind } from '../config';
import { countStatement } from './query-stats';
import { ReadReplicas } from './read-replicas';
import { EntityRows, RawRow } from './rows';

/** What builds a query: the request's Db, or a transaction (transaction.ts's Tx). */
export type QuerySource = Pick<Db, 'select' | 'inKeys'>;

/**
 * Runs the reads the loaders build with TypeORM's query builder. The builder writes the SQL and
 * binds the parameters for each database; this adapter only decides how the finished statement is
 * sent. On PostgreSQL it goes to the pool as a named prepared statement: each connection parses and
 * plans a statement once instead of on every request, and TypeORM's query runner (a pool checkout
 * wrapped in an object, logging, events) is skipped on the hot path (bench/README.md), and, when
 * read replicas are configured, to one of them (read-replicas.ts) unless the request has written.
 */
export class Db {
  readonly kind: DatabaseKind;
  /** Set on a request's Db once that request writes (`readOwnWrites`). */
  private wrote = false;

  /** `dataSource` is initialized; the other two are for `forRequest` only. */
  constructor(
    readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas | null = ReadReplicas.of(dataSource),
    private readonly cache: BuiltQueries = { shapes: new LRUCache({ max: 1_000 }), mappers: new Map() },
  ) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * The Db one request reads through. Without replicas, this one. With them, a Db sharing this
   * one's built queries whose reads go to the replicas until the request writes, and to the
   * primary from then on (its Writes calls `readOwnWrites`): what a mutation returns, and what
   * the next mutation of the request reads, include what it wrote however far the replicas lag.
   */
  forRequest(): Db {
    return this.replicas ? new Db(this.dataSource, this.replicas, this.cache) : this;
  }

  /** Whether `forRequest` gave a Db of its own that a request's writes must tell (replicas are configured). */
  get routesReads(): boolean {
    return this.replicas !== null;
  }

  /** This request writes: the rest of its reads go to the primary. */
  readOwnWrites(): void {
    this.wrote = true;
  }

  /** A query builder to start a read from (`.from(Entity, alias)`). */
  select(): SelectQueryBuilder<ObjectLiteral> {
    return this.dataSource.createQueryBuilder();
  }

  /**
   * `column` is one of the keys bound as `parameter`. On PostgreSQL the keys are one array
   * (`= ANY`), so a batch of 3 keys and one of 97 are the same prepared statement rather than two
   * texts to parse and plan; on SQLite, TypeORM's expanded list.
   */
  inKeys(column: string, parameter: string): string {
    return this.kind === 'postgres' ? `${column} = ANY(:${parameter})` : `${column} IN (:...${parameter})`;
  }

  /**
   * The rows of the query `build` makes, as the driver returns them (rows.ts makes entities of
   * them). A query is built once per `shape`, a name for everything that changes its text; each
   * call binds its own `values` to the parameters the text names. Building costs ~60 µs a statement
   * (a front page's Node CPU rose by a quarter when every request built its own), so `build` must
   * not capture a request's values: only constants, the rest named and passed in `values`.
   */
  async rows(
    shape: string,
    build: () => SelectQueryBuilder<ObjectLiteral>,
    values: ObjectLiteral = {},
  ): Promise<RawRow[]> {
    let built = this.cache.shapes.get(shape);
    if (!built) {
      const query = build();
      built = { text: query.getQuery(), constants: query.getParameters() };
      this.cache.shapes.set(shape, built);
    }
    const [text, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      built.text,
      { ...built.constants, ...values },
      {},
    );
    return this.run(text, parameters);
  }

  private async run(text: string, values: unknown[]): Promise<RawRow[]> {
    if (this.kind !== 'postgres') return (await this.dataSource.query(text, values)) as RawRow[];
    // TypeORM's logger counts the statements it sends; this one goes around it.
    countStatement();
    const query = { name: statementNames.nameOf(text), text, values };
    const result = this.replicas && !this.wrote ? await this.replicas.query(query) : await this.pool().query(query);
    return result.rows as RawRow[];
  }

  /**
   * The row mapper of an entity (rows.ts), made once per database: the first caller's options
   * stand, so each entity's mapper is declared in one place, beside its loaders.
   */
  entityRows<T extends ObjectLiteral>(target: new () => T, options?: ConstructorParameters<typeof EntityRows<T>>[2]) {
    let rows = this.cache.mappers.get(target) as EntityRows<T> | undefined;
    if (!rows) {
      rows = new EntityRows(this.dataSource, target, options);
      this.cache.mappers.set(target, rows);
    }
    return rows;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** TypeORM's own pg pool of the primary (its driver's `master`), for the reads no replica serves. */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }
}

/** What every Db of one DataSource shares: what rows() and entityRows() build once. */
interface BuiltQueries {
  /** A query text and the constant parameters its builder set, per shape (bounded: shapes can include a page size). */
  readonly shapes: LRUCache<string, { text: string; constants: ObjectLiteral }>;
  readonly mappers: Map<object, EntityRows<ObjectLiteral>>;
}

/**
 * A name per distinct statement text, the same on every connection of the process and for every Db
 * sharing a pool (pg prepares a name once per connection and refuses one name for two texts). The
 * texts come from the loaders' builders, so there are a few dozen; past MAX a text goes unnamed
 * (parsed each time) rather than letting statements grow every connection's cache without end.
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
