import type { Pool, QueryConfig, QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { logger } from '../logger';
import { databaseFault } from './database-faults';

/** How long a replica that could not be reached is left out before a read tries it again. */
const SKIP_FOR_MS = 5_000;

/**
 * The read replicas TypeORM opened a pool to (its driver's `slaves`), taken in turn. A replica that
 * cannot be reached (database-faults.ts) is left out for SKIP_FOR_MS and the read goes to the
 * primary instead: an outage fails no request, and costs only the time of the attempts that found
 * the replica gone (a refused connection at once; a silent host, the connect timeout).
 * Each outage is logged when it starts and when the replica answers again, not once per request.
 * Any other error (a bad statement, a timeout, a conflict with replay) is the read's own and is
 * not retried.
 */
export class ReadReplicas {
  private turn = 0;

  private constructor(
    private readonly primary: Pool,
    private readonly replicas: Replica[],
  ) {}

  /** The replicas of `dataSource` (initialized), or null when it has none. */
  static of(dataSource: DataSource): ReadReplicas | null {
    const options = dataSource.options as PostgresConnectionOptions;
    if (options.type !== 'postgres' || !options.replication) return null;
    const driver = dataSource.driver as PostgresDriver;
    const slaves = driver.slaves as Pool[];
    const names = options.replication.slaves.map(({ url }) => serverOf(url));
    return new ReadReplicas(
      driver.master as Pool,
      slaves.map((pool, index) => new Replica(pool, names[index])),
    );
  }

  async query(query: QueryConfig): Promise<QueryResult> {
    const replica = this.next();
    if (!replica) return this.primary.query(query);
    try {
      const result = await replica.pool.query(query);
      replica.answered();
      return result;
    } catch (error) {
      if (databaseFault(error) !== 'unreachable') throw error;
      replica.failed(error);
      return this.primary.query(query);
    }
  }

  /** The next replica in turn that is not left out, or undefined when every one is. */
  private next(): Replica | undefined {
    const now = Date.now();
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.turn];
      this.turn = (this.turn + 1) % this.replicas.length;
      if (replica.usable(now)) return replica;
    }
    return undefined;
  }
}

class Replica {
  private leftOutUntil = 0;
  private outageSince: number | null = null;

  constructor(
    readonly pool: Pool,
    private readonly name: string,
  ) {}

  usable(now: number): boolean {
    return now >= this.leftOutUntil;
  }

  failed(error: unknown): void {
    this.leftOutUntil = Date.now() + SKIP_FOR_MS;
    if (this.outageSince !== null) return;
    this.outageSince = Date.now();
    logger.warn(
      { replica: this.name, reason: String((error as { message?: unknown }).message ?? error), retryInMs: SKIP_FOR_MS },
      'read replica unreachable: its reads go to the primary',
    );
  }

  answered(): void {
    if (this.outageSince === null) return;
    logger.info({ replica: this.name, outageMs: Date.now() - this.outageSince }, 'read replica answers again');
    this.outageSince = null;
  }
}

/** host:port/database of a replica's URL, for logs: never its password. */
function serverOf(url: string | undefined): string {
  if (!url) return 'replica';
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
}
