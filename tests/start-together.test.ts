import { config } from '../src/config';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { seedSampleIfEmpty } from '../src/seed/seed';
import { createTestDatabase } from './support/database';
import { startTestServer } from './support/server';

/**
 * Replicas of the content service share one database and start together (docker-compose.yml runs
 * two). What each does first, migrate and load the sample into an empty database, must then happen
 * once: TypeORM takes no lock of its own, and without one both instances find the same work to do
 * and one fails to start. PostgreSQL only: SQLite is one file for one process.
 */
const onPostgres = config.database.kind === 'postgres';
if (!onPostgres)
  console.info('start-together.test.ts: skipped on SQLite; set TEST_DATABASE_URL to run it on PostgreSQL');

(onPostgres ? describe : describe.skip)('content instances starting together on an empty database', () => {
  it('migrate it and load the sample once, and both start', async () => {
    const database = await createTestDatabase({ empty: true });
    const instances = [createDataSource(database.config), createDataSource(database.config)];
    try {
      const startUps = await Promise.all(
        instances.map(async (dataSource) => ({
          migrated: await migrate(dataSource),
          seeded: await seedSampleIfEmpty(dataSource, 'https://news.example.org'),
        })),
      );
      const allMigrations = migrations.map((migration) => migration.name);
      expect(startUps.map((startUp) => startUp.migrated).sort()).toEqual([[], allMigrations]);
      expect(startUps.map((startUp) => startUp.seeded).sort()).toEqual([false, true]);

      const server = await startTestServer({ database, sample: false });
      const answer = await server.query('{ articles { totalCount } region(code: "KZ") { name } }');
      await server.stop();
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ articles: { totalCount: 1 }, region: { name: 'Kazakhstan' } });
    } finally {
      for (const dataSource of instances) if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  });
});
