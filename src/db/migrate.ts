import { DataSource } from 'typeorm';
import { oneAtATime } from './one-at-a-time';

/**
 * Connects (if needed) and applies pending migrations, each in its own transaction. Instances
 * starting together take turns: TypeORM 0.3 takes no lock, so two would both find a migration
 * pending, both run it, and one would fail to start.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied = await oneAtATime(dataSource, 'content-service migrations', () =>
    dataSource.runMigrations({ transaction: 'each' }),
  );
  return applied.map((migration) => migration.name);
}
