import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/**
 * Runs `work` while holding the PostgreSQL advisory lock called `name`, so that instances starting
 * together (replicas behind a load balancer) do it one after the other and each sees what the one
 * before it committed. The lock lives on a connection of its own, outside the pool `work` uses (a
 * pool of one would otherwise wait on itself), and is released however `work` ends (the server
 * drops it too if the connection is lost). SQLite is one file for one process: `work` runs as it is.
 */
export async function oneAtATime<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const options = dataSource.options as PostgresConnectionOptions;
  const holder = new Client({ connectionString: (options.replication?.master ?? options).url });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      return await work();
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  } finally {
    await holder.end();
  }
}
