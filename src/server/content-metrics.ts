import type { Pool } from 'pg';
import { Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { currentQueryStats } from '../db/query-stats';
import type { RequestGate } from './request-gate';

/**
 * What only the content service measures: the SQL statements each request runs and the size of
 * each DataLoader batch (together, whether batching holds under real traffic), and, read when
 * Prometheus scrapes, the PostgreSQL pools and the request gate.
 */
export class ContentMetrics {
  private readonly sqlStatements: Histogram<'operation'>;
  private readonly batchSizes: Histogram<'loader'>;

  constructor(registry: Registry, dataSource: DataSource, gate: RequestGate | undefined) {
    this.sqlStatements = new Histogram({
      name: 'graphql_request_sql_statements',
      help: 'SQL statements one GraphQL request ran, by operation name',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 50, 100],
      registers: [registry],
    });
    this.batchSizes = new Histogram({
      name: 'dataloader_batch_size',
      help: 'Keys one DataLoader batch loaded (one statement), by loader',
      labelNames: ['loader'],
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    });
    if (dataSource.options.type === 'postgres') poolGauges(registry, dataSource);
    if (gate) gateGauges(registry, gate);
  }

  /** The statements the current request ran (counted in its scope, db/query-stats.ts), recorded and returned. */
  recordStatements(operation: string): { sqlStatements: number } {
    const sqlStatements = currentQueryStats()?.sqlStatements ?? 0;
    this.sqlStatements.observe({ operation }, sqlStatements);
    return { sqlStatements };
  }

  /** For the loaders (LoaderScope.onBatch). */
  readonly recordBatch = (loader: string, keys: number): void => this.batchSizes.observe({ loader }, keys);
}

/** TypeORM's pg pools: the primary's (its driver's `master`) and one per read replica (`slaves`). */
function poolGauges(registry: Registry, dataSource: DataSource): void {
  const pools = (): [string, Pool][] => {
    const driver = dataSource.driver as PostgresDriver;
    return [
      ['primary', driver.master as Pool],
      ...(driver.slaves as Pool[]).map((pool, index): [string, Pool] => [`replica-${index + 1}`, pool]),
    ];
  };
  const gauge = (name: string, help: string, read: (pool: Pool) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'],
      registers: [registry],
      collect() {
        for (const [pool, client] of pools()) this.set({ pool }, read(client));
      },
    });
  gauge('db_pool_connections', 'Connections the pool holds open', (pool) => pool.totalCount);
  gauge('db_pool_idle_connections', 'Open connections no query is using', (pool) => pool.idleCount);
  gauge('db_pool_waiting_queries', 'Queries waiting for a connection, all being in use', (pool) => pool.waitingCount);
}

/** server/request-gate.ts: executions running and waiting for a slot. */
function gateGauges(registry: Registry, gate: RequestGate): void {
  new Gauge({
    name: 'request_gate_running',
    help: `GraphQL executions running (at most ${gate.limit})`,
    registers: [registry],
    collect() {
      this.set(gate.load.running);
    },
  });
  new Gauge({
    name: 'request_gate_waiting',
    help: `GraphQL requests waiting for a slot (at most ${gate.maxWaiting}; past that, 503)`,
    registers: [registry],
    collect() {
      this.set(gate.load.waiting);
    },
  });
}
