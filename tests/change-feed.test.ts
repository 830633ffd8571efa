import fc from 'fast-check';
import {
  CREATE,
  DELETE,
  draftInput,
  headersByRole,
  Headers,
  MOVE,
  ok,
  onlyError,
  sampleIds,
  SampleIds,
  UPDATE,
} from './support/editorial';
import { config } from '../src/config';
import { EditKind } from '../src/db/edits';
import { Writes } from '../src/db/transaction';
import { rowIdOf } from '../src/node/global-id';
import { ArticleChange } from '../src/syndication/article-change.entity';
import { recordEdits } from '../src/syndication/change-log';
import { walkPages } from './support/generated';
import { startTestServer, TestServer } from './support/server';

/**
 * The change feed (`changes`), issue 14: what a syndication partner reads to keep its copy of our
 * published articles. The claim tested throughout: a partner that applies the feed in order (store
 * `article` when there is one, remove the id when it is null) holds exactly the published set,
 * each article as it is now, whatever the editors did and however their writes interleaved.
 */
let server: TestServer;
let roles: Awaited<ReturnType<typeof headersByRole>>;
let ids: SampleIds;

/** What a partner copies of an article: its own fields and what it shows of its sources, photos and regions. */
const COPY = /* GraphQL */ `
  fragment Copy on Article {
    id
    version
    title
    sources {
      name
      url
    }
    photos {
      caption
    }
    regions {
      name
      parent {
        name
        parent {
          name
        }
      }
    }
  }
`;

const CHANGES = /* GraphQL */ `
  ${COPY}
  query ($since: String, $first: Int) {
    changes(since: $since, first: $first) {
      changes {
        kind
        articleId
        cause
        happenedAt
        article {
          ...Copy
        }
      }
      nextToken
      hasMore
    }
  }
`;

interface Change {
  kind: string;
  articleId: string;
  cause: string | null;
  article: { id: string; version: number; title: string } | null;
}

/** A partner's copies: article id to the article as it stored it. */
class Partner {
  readonly copies = new Map<string, unknown>();
  token: string | null = null;
  readonly seen: Change[] = [];

  constructor(private readonly headers: Headers) {}

  /** Reads and applies the feed until it has nothing more; returns what it applied. */
  async sync(first = 7): Promise<Change[]> {
    const applied: Change[] = [];
    for (let guard = 0; guard < 10_000; guard += 1) {
      const { changes } = await ok(server, this.headers, CHANGES, { since: this.token, first });
      for (const change of changes.changes as Change[]) {
        if (change.article) this.copies.set(change.articleId, change.article);
        else this.copies.delete(change.articleId);
      }
      applied.push(...changes.changes);
      this.token = changes.nextToken;
      if (!changes.hasMore) break;
    }
    this.seen.push(...applied);
    return applied;
  }
}

/** The published set as the public API lists it to a partner: id to article. */
async function publishedSet(): Promise<Map<string, unknown>> {
  const { nodes } = await walkPages(
    server,
    `${COPY} query ($after: String) {
      articles(first: 100, after: $after) { edges { node { ...Copy } } pageInfo { hasNextPage endCursor } }
    }`,
    {},
    (data) => data.articles,
    roles.partner,
  );
  return new Map(nodes.map((node: { id: string }) => [node.id, node]));
}

const create = async (overrides: Record<string, unknown> = {}) =>
  (await ok(server, roles.editor, CREATE, { input: draftInput(overrides) })).createArticle;
const move = (mutation: 'publishArticle' | 'unpublishArticle' | 'archiveArticle', id: string) =>
  ok(server, roles.editor, MOVE(mutation), { id });

beforeAll(async () => {
  server = await startTestServer();
  roles = await headersByRole(server);
  ids = await sampleIds(server);
});
afterAll(() => server?.stop());

describe('change feed', () => {
  it('starts with the published sample and follows an article through its life, drafts unseen', async () => {
    const partner = new Partner(roles.partner);
    const initial = await partner.sync();
    // The sample's import created it as a draft (unseen) and published it: version 2.
    expect(initial).toEqual([
      expect.objectContaining({ kind: 'PUBLISHED', cause: null, article: expect.objectContaining({ version: 2 }) }),
    ]);
    expect(partner.copies).toEqual(await publishedSet());

    const draft = await create();
    await ok(server, roles.editor, UPDATE, { input: { id: draft.id, version: 1, title: 'Still a draft' } });
    expect(await partner.sync()).toEqual([]);

    await move('publishArticle', draft.id);
    await ok(server, roles.editor, UPDATE, { input: { id: draft.id, version: 3, title: 'Published, then edited' } });
    await move('unpublishArticle', draft.id);
    await ok(server, roles.editor, UPDATE, { input: { id: draft.id, version: 5, title: 'A draft again' } });
    await move('publishArticle', draft.id);
    await move('archiveArticle', draft.id);
    await move('publishArticle', draft.id);
    await ok(server, roles.editor, DELETE, { id: draft.id });

    const lifecycle = await partner.sync(2);
    // The edit of the draft between unpublish and republish is not the partners' business.
    expect(lifecycle.map((change) => change.kind)).toEqual([
      'PUBLISHED',
      'UPDATED',
      'UNPUBLISHED',
      'PUBLISHED',
      'ARCHIVED',
      'PUBLISHED',
      'DELETED',
    ]);
    expect(new Set(lifecycle.map((change) => change.articleId))).toEqual(new Set([draft.id]));
    // The article as it is now: deleted, so every entry tells the partner to remove it.
    expect(lifecycle.every((change) => change.article === null)).toBe(true);
    expect(partner.copies).toEqual(await publishedSet());
  });

  it('an edit of a source, photo or region is a change of each published article that shows it', async () => {
    const partner = new Partner(roles.partner);
    await partner.sync();
    const [sample] = [...(await publishedSet()).keys()];
    // A draft about Almaty citing Reuters is left out: drafts are not syndicated.
    await create({ sourceIds: [ids.sources.reuters], regionIds: [ids.regions['KZ-75']] });
    const edits = [
      {
        cause: ids.sources['foreign-policy'],
        mutation: 'mutation ($id: ID!) { updateSource(input: { id: $id, name: "Foreign Policy magazine" }) { id } }',
      },
      {
        cause: ids.photos[0],
        mutation: 'mutation ($id: ID!) { updatePhoto(input: { id: $id, caption: "Protesters in Almaty" }) { id } }',
      },
      // Central Asia is above Kazakhstan, which the sample is about; the sample does not name it.
      {
        cause: ids.regions['central-asia'],
        mutation: 'mutation ($id: ID!) { updateRegion(input: { id: $id, name: "Central Asia (region)" }) { id } }',
      },
    ];
    for (const { cause, mutation } of edits) await ok(server, roles.editor, mutation, { id: cause });
    const applied = await partner.sync();
    // The photo may not go to partners, so they are not told its id (photo(id:) would not tell it either).
    expect(applied).toEqual(
      edits.map(({ cause }) =>
        expect.objectContaining({ kind: 'UPDATED', articleId: sample, cause: cause === ids.photos[0] ? null : cause }),
      ),
    );
    const { changes } = await ok(server, roles.editor, CHANGES, { since: partner.token });
    expect(changes.changes).toEqual([]);
    const asEditor = await ok(server, roles.editor, CHANGES, { first: 500 });
    expect(asEditor.changes.changes.map((change: Change) => change.cause)).toContain(ids.photos[0]);
  });

  it('an edit of a region is a change of the articles that show it as a source’s country, or among a region’s children', async () => {
    const partner = new Partner(roles.partner);
    await partner.sync();
    const [sample] = [...(await publishedSet()).keys()];
    // About the United States, citing TASS, whose country is Russia (in Eastern Europe).
    const citing = await create({ sourceIds: [ids.sources.tass], regionIds: [ids.regions.US] });
    await move('publishArticle', citing.id);
    await partner.sync();
    await ok(
      server,
      roles.editor,
      'mutation ($id: ID!) { updateRegion(input: { id: $id, name: "East Europe" }) { id } }',
      {
        id: ids.regions['eastern-europe'],
      },
    );
    const renamed = await partner.sync();
    expect(new Set(renamed.map((change) => change.articleId))).toEqual(new Set([sample, citing.id]));
    expect(partner.copies).toEqual(await publishedSet());

    // A new city in Kazakhstan: the sample shows Kazakhstan, whose children now include it.
    await ok(
      server,
      roles.editor,
      'mutation ($parent: ID!) { createRegion(input: { code: "KZ-71", name: "Astana", kind: CITY, parentId: $parent }) { id } }',
      { parent: ids.regions.KZ },
    );
    expect(await partner.sync()).toEqual([
      expect.objectContaining({ kind: 'UPDATED', articleId: sample, cause: ids.regions.KZ }),
    ]);
  });

  it('a partner receives the article in the feed without the photos it may not republish', async () => {
    const query = /* GraphQL */ `
      {
        changes {
          changes {
            article {
              photos {
                id
              }
              withheldPhotos {
                count
              }
            }
          }
        }
      }
    `;
    const asPartner = await ok(server, roles.partner, query);
    const asEditor = await ok(server, roles.editor, query);
    const published = asPartner.changes.changes.find((change: any) => change.article);
    expect(published.article).toEqual({ photos: [], withheldPhotos: { count: 4 } });
    const edited = asEditor.changes.changes.find((change: any) => change.article);
    expect(edited.article.photos).toHaveLength(4);
  });

  it('resumes from a token: nothing new is an empty page with the same token, then only what is new', async () => {
    const partner = new Partner(roles.partner);
    await partner.sync();
    const token = partner.token;
    const { changes: quiet } = await ok(server, roles.partner, CHANGES, { since: token });
    expect(quiet).toEqual({ changes: [], nextToken: token, hasMore: false });

    const article = await create();
    await move('publishArticle', article.id);
    const { changes: next } = await ok(server, roles.partner, CHANGES, { since: token });
    expect(next.changes).toEqual([expect.objectContaining({ kind: 'PUBLISHED', articleId: article.id })]);
    expect(next.nextToken).not.toBe(token);
  });

  it('refuses tokens it did not hand out, and page sizes out of range, as BAD_USER_INPUT', async () => {
    const { changes } = await ok(server, roles.partner, CHANGES, { first: 1 });
    const real = changes.nextToken as string;
    const [feed, sequence, time] = JSON.parse(Buffer.from(real, 'base64url').toString());
    const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const { articles } = await ok(server, {}, '{ articles(first: 1) { pageInfo { endCursor } } }');
    const refused = [
      'not a token',
      '',
      articles.pageInfo.endCursor, // another list's cursor
      token(['tombstones', sequence, time]), // another feed
      token([feed, sequence, '2001-01-01T00:00:00.000Z']), // a change that is not this one
      token([feed, 10_000_000, time]), // a change not (yet) logged: would skip everything before it
      token([feed, 2 ** 31, time]), // beyond what the log's column holds
      token([feed, Number.MAX_SAFE_INTEGER, time]),
      token([feed, -1, time]),
      token([feed, sequence]),
    ];
    for (const since of refused) {
      const response = await server.query(CHANGES, { since }, roles.partner);
      expect({ since, ...onlyError(response) }).toEqual({
        since,
        code: 'BAD_USER_INPUT',
        field: 'since',
        message: expect.stringContaining('pass the nextToken of a previous page'),
      });
    }
    for (const first of [0, -1, 501]) {
      expect(onlyError(await server.query(CHANGES, { first }, roles.partner))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    }
    expect(onlyError(await server.query(CHANGES, {}, roles.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(onlyError(await server.query(CHANGES, {}, roles.analyst)).code).toBe('FORBIDDEN');
  });

  it('runs the same number of statements for a page of 3 changes as for one of 30', async () => {
    const published = [];
    for (let i = 0; i < 30; i += 1) published.push(await create({ sourceIds: [ids.sources.reuters] }));
    const since = (await ok(server, roles.partner, CHANGES, { first: 500 })).changes.nextToken;
    for (const article of published) await move('publishArticle', article.id);
    const statements = async (first: number) => {
      const query = `query ($since: String, $first: Int) { changes(since: $since, first: $first) {
        changes { kind article { id sources { slug } photos { id } regions { code parent { code } } } } } }`;
      const response = await server.query(query, { since, first }, roles.partner);
      expect(response.errors).toBeUndefined();
      expect(response.data!.changes.changes).toHaveLength(first);
      return response.extensions!.queryStats!.sqlStatements;
    };
    expect(await statements(30)).toBe(await statements(3));
  });
});

describe('change feed order', () => {
  it('a change that commits first is never read before one that took its turn earlier', async () => {
    const [a, b] = [await create(), await create()];
    for (const article of [a, b]) await move('publishArticle', article.id);
    const follower = new Partner(roles.partner);
    await follower.sync();
    const before = follower.seen.length;

    // Writer 1 logs a change of `a`, then holds its transaction open; writer 2 logs one of `b` meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { dataSource } = server.database;
    const slow = new Writes(dataSource, async (tx, edits, now) => {
      await recordEdits(tx, edits, now);
      await held;
    });
    const first = slow.run(async (tx) => tx.edited('Article', rowIdOf(a.id, 'Article', 'id'), EditKind.UPDATED));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = new Writes(dataSource, recordEdits).run(async (tx) =>
      tx.edited('Article', rowIdOf(b.id, 'Article', 'id'), EditKind.UPDATED),
    );
    // Writer 2 waits for writer 1 (its turn at the log); were it not to, it would commit now.
    await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 500))]);
    await follower.sync();
    release();
    await Promise.all([first, second]);
    await follower.sync();
    expect(follower.seen.slice(before).map((change) => change.articleId)).toEqual([a.id, b.id]);
  });
});

describe('change feed locks', () => {
  // PostgreSQL alone: SQLite runs one writing transaction at a time.
  const onPostgres = config.database.kind === 'postgres' ? it : it.skip;
  onPostgres(
    'a slug change and an edit of a source it cites, at once, both go through without a deadlock',
    async () => {
      const article = await create({ sourceIds: [ids.sources.reuters] });
      await move('publishArticle', article.id);
      const { dataSource } = server.database;
      const deadlocks = async () =>
        Number(
          (await dataSource.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()'))[0]
            .deadlocks,
        );
      const before = await deadlocks();
      // The source's edit takes its turn at the log and holds it while the slug change runs.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sourceEdit = new Writes(dataSource, async (tx, edits, now) => {
        await tx.serializeWritesTo(ArticleChange);
        await gate;
        await recordEdits(tx, edits, now);
      }).run(async (tx) => tx.edited('Source', rowIdOf(ids.sources.reuters, 'Source', 'id'), EditKind.UPDATED));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const slugChange = server.query(
        UPDATE,
        { input: { id: article.id, version: 2, slug: `${article.slug}-renamed` } },
        roles.editor,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const [changed] = await Promise.all([slugChange, sourceEdit]);
      expect(changed.errors).toBeUndefined();
      // Statistics reach pg_stat_database when a backend reports them: give the server's a moment.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await deadlocks()).toBe(before);
    },
  );
});

describe('change feed replay (property-based)', () => {
  /** What an editor may do next; indexes pick among the articles made so far. */
  const command = fc.oneof(
    fc.record({ op: fc.constant('create' as const), publish: fc.boolean() }),
    fc.record({
      op: fc.constantFrom('update', 'publish', 'unpublish', 'archive', 'delete' as const),
      pick: fc.nat(),
    }),
    fc.record({ op: fc.constantFrom('editSource', 'editPhoto', 'editRegion' as const), pick: fc.nat() }),
  );

  type Step = { op: string; publish?: boolean; pick?: number };

  /** Runs one command; a refusal (an article already deleted, say) is part of the sequence too. */
  async function run(step: Step, made: string[], headers: Headers, tag: string): Promise<void> {
    const pick = step.pick ?? 0;
    const target = made.length ? made[pick % made.length] : undefined;
    const silently = (promise: Promise<unknown>) => promise.catch(() => undefined);
    switch (step.op) {
      case 'create': {
        const regionCodes = Object.keys(ids.regions);
        const article = await create({
          title: `Generated ${tag}`,
          sourceIds: [Object.values(ids.sources)[made.length % Object.keys(ids.sources).length]],
          regionIds: [ids.regions[regionCodes[made.length % regionCodes.length]]],
          photoIds: [ids.photos[made.length % ids.photos.length]],
        });
        // Offered to the other editors once it is published: another lane deleting the new draft
        // between its creation and its publication would make this lane's publish fail.
        if (step.publish) await move('publishArticle', article.id);
        made.push(article.id);
        return;
      }
      case 'update': {
        if (!target) return;
        const current = await server.query(
          'query ($id: ID!) { node(id: $id) { ... on Article { version } } }',
          { id: target },
          headers,
        );
        const version = (current.data?.node as { version?: number } | null)?.version;
        if (version !== undefined) {
          await silently(ok(server, headers, UPDATE, { input: { id: target, version, title: `Edited ${tag}` } }));
        }
        return;
      }
      case 'publish':
      case 'unpublish':
      case 'archive':
        if (target) await silently(move(`${step.op}Article` as 'publishArticle', target));
        return;
      case 'delete':
        if (target) await silently(ok(server, headers, DELETE, { id: target }));
        return;
      case 'editSource': {
        const sources = Object.values(ids.sources);
        const id = sources[pick % sources.length];
        await ok(
          server,
          headers,
          'mutation ($id: ID!, $url: String) { updateSource(input: { id: $id, url: $url }) { id } }',
          {
            id,
            url: `https://example.org/${tag}`,
          },
        );
        return;
      }
      case 'editPhoto': {
        const id = ids.photos[pick % ids.photos.length];
        await ok(
          server,
          headers,
          'mutation ($id: ID!, $c: String) { updatePhoto(input: { id: $id, caption: $c }) { id } }',
          {
            id,
            c: `Caption ${tag}`,
          },
        );
        return;
      }
      case 'editRegion': {
        const regions = Object.values(ids.regions);
        const id = regions[pick % regions.length];
        await ok(
          server,
          headers,
          'mutation ($id: ID!, $n: String) { updateRegion(input: { id: $id, name: $n }) { id } }',
          {
            id,
            n: `Region ${tag}`,
          },
        );
      }
    }
  }

  it('a partner replaying the feed from the start, or following it between edits, ends with the published set', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), fc.nat({ max: 3 }), async (steps, every) => {
        round += 1;
        const made: string[] = [];
        const follower = new Partner(roles.partner);
        await follower.sync();
        for (const [index, step] of steps.entries()) {
          await run(step, made, roles.editor, `${round}.${index}`);
          if (every && index % (every + 1) === 0) await follower.sync(3);
        }
        await follower.sync(3);
        const expected = await publishedSet();
        expect(follower.copies).toEqual(expected);
        const replay = new Partner(roles.partner);
        await replay.sync(50);
        expect(replay.copies).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('no change is skipped while writes commit concurrently', async () => {
    const follower = new Partner(roles.partner);
    await follower.sync();
    let writing = true;
    // The follower reads as fast as it can while the editors write.
    const following = (async () => {
      while (writing) await follower.sync(5);
    })();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(command, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
          async (lanes) => {
            const made: string[] = [];
            // Several editors at once, each running its own sequence.
            await Promise.all(
              lanes.map(async (lane, laneIndex) => {
                for (const [index, step] of lane.entries()) {
                  await run(step, made, roles.editor, `c${laneIndex}.${index}`);
                }
              }),
            );
          },
        ),
        { numRuns: 5 },
      );
    } finally {
      // Also when the property fails: the loop must not outlive the test.
      writing = false;
      await following;
    }
    await follower.sync();
    // Ids and versions: each published article as it is now, none missing, none left over.
    expect(follower.copies).toEqual(await publishedSet());
  }, 180_000);
});
