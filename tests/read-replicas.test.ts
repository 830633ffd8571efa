import { config } from '../src/config';
import { PrivatePrimary, PrivateReplica, startPrivatePostgres } from './support/private-postgres';

const onPostgres = config.database.kind === 'postgres';
if (!onPostgres) {
  console.info(
    'read-replicas.test.ts: skipped on SQLite; set TEST_DATABASE_URL to run it on PostgreSQL (it starts its own primary and replica)',
  );
}

const count = async (server: PrivatePrimary | PrivateReplica) =>
  server.withClient(async (client) => Number((await client.query('SELECT count(*) AS n FROM marks')).rows[0].n));

(onPostgres ? describe : describe.skip)('a private primary and its streaming replica (the test support)', () => {
  let primary: PrivatePrimary;
  let replica: PrivateReplica;

  beforeAll(async () => {
    primary = await startPrivatePostgres();
    await primary.withClient((client) => client.query('CREATE TABLE marks (n int)'));
    replica = await primary.replica();
  });

  afterAll(async () => {
    await replica?.destroy();
    await primary?.destroy();
  });

  it('replays what the primary commits, holds still while paused, and refuses writes', async () => {
    await primary.withClient((client) => client.query('INSERT INTO marks VALUES (1)'));
    await replica.caughtUp();
    expect(await count(replica)).toBe(1);

    await replica.pauseReplay();
    await primary.withClient((client) => client.query('INSERT INTO marks VALUES (2)'));
    expect(await count(primary)).toBe(2);
    expect(await count(replica)).toBe(1);

    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await count(replica)).toBe(2);
    await expect(replica.withClient((client) => client.query('INSERT INTO marks VALUES (3)'))).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('stops and starts again on the same port with the same data', async () => {
    await primary.stop();
    await expect(count(primary)).rejects.toThrow(/ECONNREFUSED/);
    await primary.start();
    expect(await count(primary)).toBe(2);
  });
});
