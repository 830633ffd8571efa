import { DataSource, EntityManager } from 'typeorm';
import type { Params } from './db';

/** Statements inside one open transaction; `:name` / `:...list` parameters as in Db.query. */
export class Tx {
  constructor(private readonly manager: EntityManager) {}

  /** Rows the statement yields (SELECT, or INSERT/UPDATE … RETURNING); [] otherwise. */
  async query<T = Record<string, unknown>>(sql: string, params: Params = {}): Promise<T[]> {
    const [text, values] = this.manager.connection.driver.escapeQueryWithParameters(sql, params, {});
    const result = await this.manager.queryRunner!.query(text, values, true);
    return (result.records ?? []) as T[];
  }

  get kind(): 'postgres' | 'sqlite' {
    return this.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }
}

/**
 * Runs `work` as one transaction: every statement commits, or (when `work` throws) none does.
 *
 * PostgreSQL: dataSource.transaction takes a pooled connection and releases it on every path.
 * SQLite: TypeORM shares one connection between all callers, so a transaction there would be read
 * half-done by concurrent requests, and a second transaction would nest into it as a savepoint and
 * share its fate. Writes therefore run on a connection of their own, one transaction at a time; in
 * WAL mode the shared reading connection sees a transaction only once it has committed.
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction((m) => work(new Tx(m)));
  let writer = writers.get(dataSource);
  if (!writer) {
    writer = new SqliteWriter(dataSource);
    writers.set(dataSource, writer);
  }
  return writer.run(work);
}

/** Closes the SQLite writing connection, after its queued transactions; call before destroying `dataSource`. */
export async function closeWriter(dataSource: DataSource): Promise<void> {
  const writer = writers.get(dataSource);
  writers.delete(dataSource);
  await writer?.close();
}

const writers = new WeakMap<DataSource, SqliteWriter>();

class SqliteWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private connection: DataSource | null = null;

  constructor(private readonly reader: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => (await this.open()).transaction((m) => work(new Tx(m))));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.connection?.isInitialized) await this.connection.destroy();
  }

  private async open(): Promise<DataSource> {
    // An in-memory database exists only on its own connection: there, share it (tests and demos only).
    if ((this.reader.options as { database?: string }).database === ':memory:') return this.reader;
    this.connection ??= new DataSource({ ...this.reader.options, migrations: [] });
    if (!this.connection.isInitialized) await this.connection.initialize();
    return this.connection;
  }
}
