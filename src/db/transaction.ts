import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DatabaseKind } from '../config';
import { badInput } from '../errors';
import { isDeadlock, uniqueViolation } from './constraint-errors';
import type { Db } from './db';
import type { Edit, EditKind } from './edits';
import type { NodeTypeName } from '../node/global-id';
import type { RawRow } from './rows';

/** One open transaction: TypeORM's entity manager bound to it, and what the query helpers need. */
export class Tx {
  private readonly editList: Edit[] = [];

  constructor(readonly manager: EntityManager) {}

  /** Says that this transaction changed the `type` row `rowId` (edits.ts); Writes' journal records it. */
  edited(type: NodeTypeName, rowId: number, kind: EditKind): void {
    this.editList.push({ type, rowId, kind });
  }

  get edits(): readonly Edit[] {
    return this.editList;
  }

  get kind(): DatabaseKind {
    return this.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** A query builder inside this transaction. */
  select(): SelectQueryBuilder<ObjectLiteral> {
    return this.manager.createQueryBuilder();
  }

  /** As Db.inKeys: `column` is one of the keys bound as `parameter`. */
  inKeys(column: string, parameter: string): string {
    return this.kind === 'postgres' ? `${column} = ANY(:${parameter})` : `${column} IN (:...${parameter})`;
  }

  rows(query: SelectQueryBuilder<ObjectLiteral>): Promise<RawRow[]> {
    return query.getRawMany();
  }

  /** Inserts one row and returns it as an entity, with the row id the database gave it. */
  async insertRow<T extends ObjectLiteral & { rowId: number }>(target: new () => T, values: Partial<T>): Promise<T> {
    const entity = this.manager.create(target, values as T);
    const { identifiers } = await this.manager.insert(target, entity);
    entity.rowId = Number(identifiers[0].rowId);
    return entity;
  }

  /**
   * Makes writers of `target`'s table take their turn until this transaction ends (readers go on).
   * PostgreSQL only: SQLite runs one writing transaction at a time anyway (inTransaction).
   */
  async serializeWritesTo(target: EntityTarget<ObjectLiteral>): Promise<void> {
    if (this.kind !== 'postgres') return;
    const table = this.manager.connection.getMetadata(target).tablePath;
    await this.manager.query(`LOCK TABLE ${this.manager.connection.driver.escape(table)} IN SHARE ROW EXCLUSIVE MODE`);
  }
}

/**
 * Records what a transaction changed (Tx.edits) in that transaction, after its work and before it
 * commits: the record and the write commit together or not at all.
 */
export type Journal = (tx: Tx, edits: readonly Edit[], now: Date) => Promise<void>;

/**
 * How mutations write: `run` gives the work one transaction and the time it writes as `updatedAt`.
 * `unique` maps a unique constraint's name to the input field it guards: a duplicate a concurrent
 * writer committed between the check and the write still reaches the client as BAD_USER_INPUT.
 */
export class Writes {
  /** `writing`: for forRequest only. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly journal?: Journal,
    private readonly writing?: () => void,
  ) {}

  /**
   * The Writes of the request that reads through `reads` (Db.forRequest): its first write sends
   * the rest of that request's reads to the primary (before the commit, so that a commit whose
   * outcome the connection lost is read from the primary too). This one when there are no replicas.
   */
  forRequest(reads: Db): Writes {
    return reads.routesReads ? new Writes(this.dataSource, this.journal, () => reads.readOwnWrites()) : this;
  }

  async run<T>(work: (tx: Tx, now: Date) => Promise<T>, unique: Record<string, string> = {}): Promise<T> {
    this.writing?.();
    const attempt = () =>
      inTransaction(this.dataSource, async (tx) => {
        const now = new Date();
        const result = await work(tx, now);
        if (this.journal && tx.edits.length > 0) await this.journal(tx, tx.edits, now);
        return result;
      });
    try {
      // A deadlock rolled the transaction back whole; the second try finds the other one gone. A
      // backstop: writes take their locks in one order (see syndication/change-log.ts).
      return await attempt().catch((error: unknown) => {
        if (isDeadlock(error)) return attempt();
        throw error;
      });
    } catch (error) {
      const field = unique[uniqueViolation(error) ?? ''];
      if (field) {
        throw badInput(field, `This ${field.split('.').pop()} was just taken by another writer; choose another.`);
      }
      throw error;
    }
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
