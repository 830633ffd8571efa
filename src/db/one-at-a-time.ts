import { DataSource } from 'typeorm';

/**
 * Runs `work` while holding the PostgreSQL advisory lock called `name`, so that instances starting
 * together (replicas behind a load balancer) do it one after the other and each sees what the one
 * before it committed. The lock lives on a connection of its own and is released however `work`
 * ends (the server drops it too if the connection is lost). SQLite is one file for one process:
 * `work` runs as it is.
 */
export async function oneAtATime<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'postgres') return work();
  const holder = dataSource.createQueryRunner('master');
  try {
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      return await work();
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  } finally {
    await holder.release();
  }
}
