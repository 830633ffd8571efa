import { Article } from '../src/article/article.entity';
import { config } from '../src/config';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
import { draftInput, headersByRole, Headers, ok, sampleIds, SampleIds } from './support/editorial';
import { PrivatePrimary, PrivateReplica, startPrivatePostgres } from './support/private-postgres';
import { startTestServer, TestServer } from './support/server';

const onPostgres = config.database.kind === 'postgres';
if (!onPostgres) {
  console.info(
    'read-replicas.test.ts: skipped on SQLite; set TEST_DATABASE_URL to run it on PostgreSQL (it starts its own primary and replica)',
  );
}

const SAMPLE = 'whats-happening-in-kazakhstan';
const TITLE = `{ article(slug: "${SAMPLE}") { title } }`;

const count = async (server: PrivatePrimary | PrivateReplica) =>
  server.withClient(async (client) => Number((await client.query('SELECT count(*) AS n FROM marks')).rows[0].n));

(onPostgres ? describe : describe.skip)('a private primary and its streaming replica (the test support)', () => {
  let primary: PrivatePrimary;
  let replica: PrivateReplica;

  beforeAll(async () => {
    primary = await startPrivatePostgres();
    await primary.withClient((client) => client.query('CREATE TABLE marks (n int)'));
    replica = await primary.replica();
  }, 60_000);

  afterAll(async () => {
    await replica?.destroy();
    await primary?.destroy();
  }, 60_000);

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

/**
 * The content service over a private primary and a real streaming replica of it. Pausing the
 * replica's replay makes it show an older state than the primary, which tells from a response
 * which of the two answered it.
 */
(onPostgres ? describe : describe.skip)('reads from a read replica (DATABASE_REPLICA_URLS)', () => {
  let primary: PrivatePrimary;
  let replica: PrivateReplica;
  let server: TestServer;
  let editor: Headers;
  let ids: SampleIds;

  /** Changes the sample's title on the primary directly, as another instance's write would. */
  const retitleOnPrimary = (title: string) =>
    server.database.dataSource.getRepository(Article).update({ slug: SAMPLE }, { title });
  const titleThroughApi = async () => (await ok(server, {}, TITLE)).article.title as string;

  beforeAll(async () => {
    primary = await startPrivatePostgres();
    await primary.withClient((client) => client.query('CREATE DATABASE content'));
    replica = await primary.replica();
    const databaseConfig = {
      ...config.database,
      url: primary.url('content'),
      replicaUrls: [replica.url('content')],
      poolSize: 5,
    };
    const dataSource = createDataSource(databaseConfig);
    await migrate(dataSource);
    const drop = async () => void (dataSource.isInitialized && (await dataSource.destroy()));
    server = await startTestServer({ database: { dataSource, config: databaseConfig, drop } });
    editor = (await headersByRole(server)).editor;
    ids = await sampleIds(server);
    await replica.caughtUp();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await replica?.destroy();
    await primary?.destroy();
  }, 60_000);

  it('answers reads from the replica, which shows the primary’s writes once it has replayed them', async () => {
    await replica.pauseReplay();
    await retitleOnPrimary('Retitled on the primary');
    expect(await titleThroughApi()).toBe('What’s happening in Kazakhstan?');

    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await titleThroughApi()).toBe('Retitled on the primary');
  });

  it('shows a request what it wrote, in the same request, however far behind the replica is', async () => {
    await replica.pauseReplay();
    const input = draftInput({ sourceIds: [ids.sources.sputnik], regionIds: [ids.regions.KZ] });
    const data = await ok(
      server,
      editor,
      `mutation ($input: CreateArticleInput!, $source: ID!) {
         created: createArticle(input: $input) { slug sources { slug } regions { code } }
         source: updateSource(input: { id: $source, name: "Sputnik News" }) {
           articles(first: 5) { edges { node { slug } } }
         }
       }`,
      { input, source: ids.sources.sputnik },
    );
    // The links are read after the write (the loaders forget the article), the source's list after both.
    expect(data.created).toEqual({ slug: input.slug, sources: [{ slug: 'sputnik' }], regions: [{ code: 'KZ' }] });
    expect(data.source.articles.edges.map((edge: any) => edge.node.slug)).toEqual([input.slug, SAMPLE]);

    // The next request reads from the replica again, which has not replayed the mutation yet.
    const article = `{ article(slug: "${String(input.slug)}") { slug } }`;
    expect((await ok(server, editor, article)).article).toBeNull();

    await replica.resumeReplay();
    await replica.caughtUp();
    expect((await ok(server, editor, article)).article).toEqual({ slug: input.slug });
  });

  it('reads from the primary while the replica is down, and from the replica again once it is back', async () => {
    await replica.pauseReplay();
    await retitleOnPrimary('Retitled while the replica was down');
    await replica.stop();
    // Every read succeeds, and with the primary's title: the replica had not replayed it.
    for (let request = 0; request < 5; request++) {
      const response = await server.query(TITLE);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ article: { title: 'Retitled while the replica was down' } });
    }

    await replica.start();
    await replica.caughtUp();
    await replica.pauseReplay();
    await retitleOnPrimary('Retitled after the replica came back');
    // The replica is tried again after a few seconds; until then the primary answers.
    await until(async () => (await titleThroughApi()) === 'Retitled while the replica was down');
    await replica.resumeReplay();
  }, 60_000);
});

/** Polls `check` until it holds, for up to half a minute. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
