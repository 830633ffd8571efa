import { ArticleSource } from '../src/article/article-links.entity';
import { Article } from '../src/article/article.entity';
import { insertGeneratedContent } from '../src/seed/generated-content';
import type { Role } from '../src/viewer';
import { headersByRole, Headers, ok, onlyError, ROLES } from './support/editorial';
import { startGeneratedServer, walkPages } from './support/generated';
import { startTestServer, TestServer } from './support/server';

let server: TestServer;
let headers: Record<Role, Headers>;
/** Every article an analyst can list (the published, undeleted ones): the oracle of every count below. */
let everything: OracleArticle[];

interface OracleArticle {
  id: string;
  label: string | null;
  language: string;
  publishedAt: string;
  regions: { id: string; ancestors: { id: string }[] }[];
  sources: { id: string; kind: string; stateAffiliated: boolean }[];
}

const ORACLE = /* GraphQL */ `
  query ($after: String, $filter: ArticleFilter) {
    articles(first: 100, after: $after, filter: $filter) {
      edges {
        node {
          id
          label
          language
          publishedAt
          regions {
            id
            ancestors {
              id
            }
          }
          sources {
            id
            kind
            stateAffiliated
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const listed = async (filter: Record<string, unknown> = {}): Promise<OracleArticle[]> =>
  (await walkPages(server, ORACLE, { filter }, (data) => data.articles)).nodes;

export const FORMULA_LABEL = "=cmd|' /C calc'!A0";
/** Published at 23:30 on the last day of November and 00:30 on the first of December, UTC. */
export const MONTH_END = { 'gen-article-10': '2025-11-30T23:30:00.000Z', 'gen-article-11': '2025-12-01T00:30:00.000Z' };

/**
 * The generated content (drafts among it), with what the API cannot set made through the database:
 * two articles either side of a month's end, one citing nothing, one with a label that is a
 * spreadsheet formula; and one article deleted by an editor.
 */
export async function prepareContent(target: TestServer, editor: Headers): Promise<void> {
  const { dataSource } = target.database;
  for (const [slug, at] of Object.entries(MONTH_END)) {
    await dataSource
      .createQueryBuilder()
      .update(Article)
      .set({ publishedAt: new Date(at) })
      .where({ slug })
      .execute();
  }
  await dataSource
    .createQueryBuilder()
    .update(Article)
    .set({ label: FORMULA_LABEL })
    .where({ slug: 'gen-article-12' })
    .execute();
  const [{ rowId }] = await dataSource.getRepository(Article).findBy({ slug: 'gen-article-13' });
  await dataSource.createQueryBuilder().delete().from(ArticleSource).where({ articleId: rowId }).execute();
  const { article } = await ok(target, editor, '{ article(slug: "gen-article-20") { id } }');
  await ok(target, editor, 'mutation ($id: ID!) { deleteArticle(id: $id) }', { id: article.id });
}

beforeAll(async () => {
  ({ server } = await startGeneratedServer());
  headers = await headersByRole(server);
  await prepareContent(server, headers.editor);
  everything = await listed();
});
afterAll(() => server?.stop());

type Group = 'REGION' | 'SOURCE' | 'SOURCE_KIND' | 'STATE_AFFILIATED' | 'LABEL' | 'LANGUAGE';
type Bucket = 'DAY' | 'WEEK' | 'MONTH';
const SOURCE_KEYS: Group[] = ['SOURCE', 'SOURCE_KIND', 'STATE_AFFILIATED'];

/** The start of the UTC bucket of a time, by calendar arithmetic (weeks start on Monday). */
function bucketOf(at: string, bucket: Bucket): string {
  const time = new Date(at);
  const [year, month, day] = [time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()];
  const start = {
    DAY: Date.UTC(year, month, day),
    WEEK: Date.UTC(year, month, day - ((time.getUTCDay() + 6) % 7)),
    MONTH: Date.UTC(year, month, 1),
  }[bucket];
  return new Date(start).toISOString();
}

interface StatsRow {
  region: { id: string } | null;
  source: { id: string } | null;
  sourceKind: string | null;
  stateAffiliated: boolean | null;
  label: string | null;
  language: string | null;
  bucket: string | null;
  articles: number;
  citations: number;
}

const keyOf = (row: Omit<StatsRow, 'articles' | 'citations'>) => JSON.stringify(row);

/**
 * articleStats computed from the listed articles: each article counts once per group it falls in;
 * a region key is each of its regions and every region above them; a source key each cited source
 * (none: the null group), with its citations split accordingly.
 */
function expectedStats(
  articles: OracleArticle[],
  groupBy: Group[],
  bucket?: Bucket,
  window: { from?: string; to?: string } = {},
): Map<string, { articles: number; citations: number }> {
  const groups = new Map<string, { articles: Set<string>; citations: number }>();
  const has = (group: Group) => groupBy.includes(group);
  for (const article of articles) {
    const at = Date.parse(article.publishedAt);
    if ((window.from && at < Date.parse(window.from)) || (window.to && at >= Date.parse(window.to))) continue;
    const regions = has('REGION')
      ? [...new Set(article.regions.flatMap((region) => [region.id, ...region.ancestors.map((up) => up.id)]))]
      : [null];
    const bySource = groupBy.some((group) => SOURCE_KEYS.includes(group));
    const citations = bySource ? (article.sources.length ? article.sources : [null]) : [undefined];
    for (const region of has('REGION') && regions.length === 0 ? [null] : regions) {
      for (const source of citations) {
        const key = keyOf({
          region: has('REGION') && region ? { id: region } : null,
          source: has('SOURCE') && source ? { id: source.id } : null,
          sourceKind: has('SOURCE_KIND') && source ? source.kind : null,
          stateAffiliated: has('STATE_AFFILIATED') && source ? source.stateAffiliated : null,
          label: has('LABEL') ? article.label : null,
          language: has('LANGUAGE') ? article.language : null,
          bucket: bucket ? bucketOf(article.publishedAt, bucket) : null,
        });
        const group = groups.get(key) ?? { articles: new Set<string>(), citations: 0 };
        group.articles.add(article.id);
        group.citations += source === undefined ? article.sources.length : source === null ? 0 : 1;
        groups.set(key, group);
      }
    }
  }
  return new Map(
    [...groups].map(([key, group]) => [key, { articles: group.articles.size, citations: group.citations }]),
  );
}

const STATS = /* GraphQL */ `
  query (
    $filter: ArticleFilter
    $groupBy: [ArticleStatsGroup!]!
    $bucket: StatsBucket
    $from: DateTime
    $to: DateTime
  ) {
    articleStats(filter: $filter, groupBy: $groupBy, bucket: $bucket, from: $from, to: $to) {
      region {
        id
      }
      source {
        id
      }
      sourceKind
      stateAffiliated
      label
      language
      bucket
      articles
      citations
    }
  }
`;

async function stats(variables: Record<string, unknown>, as: Role = 'analyst'): Promise<StatsRow[]> {
  return (await ok(server, headers[as], STATS, variables)).articleStats;
}

/** The rows as the oracle's map; a group answered twice would be lost, so the row count is checked too. */
function byGroup(rows: StatsRow[]): Map<string, { articles: number; citations: number }> {
  const map = new Map(rows.map(({ articles, citations, ...key }) => [keyOf(key), { articles, citations }]));
  expect(map.size).toBe(rows.length);
  return map;
}

describe('articleStats', () => {
  it('grouped by nothing: every published, undeleted article once, and all their citations', async () => {
    const citations = everything.reduce((sum, article) => sum + article.sources.length, 0);
    expect(await stats({ groupBy: [] })).toEqual([
      {
        region: null,
        source: null,
        sourceKind: null,
        stateAffiliated: null,
        label: null,
        language: null,
        bucket: null,
        articles: everything.length,
        citations,
      },
    ]);
  });

  it('REGION rolls up the tree: an article counts once for its regions and each region above them', async () => {
    // Articles about two regions under one country or continent are there, so "once" is tested.
    const sharing = everything.filter((article) => {
      const all = article.regions.flatMap((region) => [region.id, ...region.ancestors.map((up) => up.id)]);
      return new Set(all).size < all.length;
    });
    expect(sharing.length).toBeGreaterThan(10);
    const rows = await stats({ groupBy: ['REGION'] });
    expect(byGroup(rows)).toEqual(expectedStats(everything, ['REGION']));
  });

  it('MONTH buckets split 23:30 on the last day of a month from 00:30 on the next, in UTC', async () => {
    const rows = await stats({ groupBy: [], bucket: 'MONTH' });
    expect(byGroup(rows)).toEqual(expectedStats(everything, [], 'MONTH'));
    const november = rows.find((row) => row.bucket === '2025-11-01T00:00:00.000Z');
    expect(november).toMatchObject({ articles: 1 });
    expect(rows.map((row) => row.bucket)).toEqual([
      '2025-11-01T00:00:00.000Z',
      '2025-12-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('from is inclusive and to exclusive, on the publication time', async () => {
    const window = { from: MONTH_END['gen-article-11'], to: '2026-01-01T00:00:00.000Z' };
    const rows = await stats({ groupBy: ['LANGUAGE'], bucket: 'DAY', ...window });
    expect(byGroup(rows)).toEqual(expectedStats(everything, ['LANGUAGE'], 'DAY', window));
    expect(rows.some((row) => row.bucket === '2025-12-01T00:00:00.000Z')).toBe(true);
    expect(rows.some((row) => row.bucket === '2026-01-01T00:00:00.000Z')).toBe(false);
  });

  it('WEEK buckets start on Monday', async () => {
    const rows = await stats({ groupBy: ['LABEL'], bucket: 'WEEK' });
    expect(byGroup(rows)).toEqual(expectedStats(everything, ['LABEL'], 'WEEK'));
    expect(new Set(rows.map((row) => new Date(row.bucket!).getUTCDay()))).toEqual(new Set([1]));
    expect(new Set(rows.map((row) => row.bucket)).size).toBeGreaterThan(2);
  });

  it.each([
    [['SOURCE'] as Group[], undefined],
    [['SOURCE_KIND', 'STATE_AFFILIATED'] as Group[], 'DAY' as Bucket],
    [['REGION', 'SOURCE_KIND'] as Group[], 'MONTH' as Bucket],
  ])(
    'by %j per %s: citations split by source; an article citing nothing is in the null group',
    async (groupBy, bucket) => {
      const rows = await stats({ groupBy, bucket });
      expect(byGroup(rows)).toEqual(expectedStats(everything, groupBy, bucket));
      expect(rows.some((row) => row.sourceKind === null && row.source === null && row.citations === 0)).toBe(true);
    },
  );

  it('every key at once, per day', async () => {
    const groupBy: Group[] = ['LANGUAGE', 'REGION', 'SOURCE', 'SOURCE_KIND', 'STATE_AFFILIATED', 'LABEL'];
    const rows = await stats({ groupBy, bucket: 'DAY' });
    expect(rows.length).toBeGreaterThan(1000);
    expect(byGroup(rows)).toEqual(expectedStats(everything, groupBy, 'DAY'));
  });

  it('the filter selects what articles(filter:) lists', async () => {
    const filter = { regionCode: 'gen-1-0', language: 'en', publishedAfter: everything[200].publishedAt };
    const selected = await listed(filter);
    expect(selected.length).toBeGreaterThan(10);
    expect(selected.length).toBeLessThan(everything.length / 4);
    const groupBy: Group[] = ['REGION', 'LABEL'];
    expect(byGroup(await stats({ filter, groupBy, bucket: 'DAY' }))).toEqual(expectedStats(selected, groupBy, 'DAY'));
    const source = everything[0].sources[0].id;
    const citing = await listed({ sourceId: source });
    expect(byGroup(await stats({ filter: { sourceId: source }, groupBy: ['SOURCE'] }))).toEqual(
      expectedStats(citing, ['SOURCE']),
    );
  });

  it('counts published, undeleted articles for admins too (who can see drafts and deleted articles)', async () => {
    const variables = { groupBy: ['REGION', 'LANGUAGE'], bucket: 'DAY' };
    expect(await stats(variables, 'admin')).toEqual(await stats(variables, 'analyst'));
    const { articles } = await ok(server, headers.admin, '{ articles(first: 1) { totalCount } }');
    expect(articles.totalCount).toBeGreaterThan(everything.length);
  });

  it('runs a fixed number of statements, however many rows, regions and sources it answers', async () => {
    const QUERY = /* GraphQL */ `
      query ($groupBy: [ArticleStatsGroup!]!, $from: DateTime) {
        articleStats(groupBy: $groupBy, bucket: DAY, from: $from) {
          region {
            code
            name
          }
          source {
            name
          }
          articles
        }
      }
    `;
    const count = async (from: string) => {
      const response = await server.query(QUERY, { groupBy: ['REGION', 'SOURCE'], from }, headers.analyst);
      expect(response.errors).toBeUndefined();
      return { rows: response.data!.articleStats.length, statements: response.extensions!.queryStats!.sqlStatements };
    };
    const narrow = await count(everything[10].publishedAt);
    const wide = await count(everything.at(-1)!.publishedAt);
    expect(wide.rows).toBeGreaterThan(narrow.rows * 5);
    // The API key, the aggregate, the regions' and the sources' loaders: one each.
    expect(narrow.statements).toBe(4);
    expect(wide.statements).toBe(4);
  });

  it('refuses a window that does not open, and a key named twice', async () => {
    const backwards = await server.query(
      STATS,
      { groupBy: [], from: '2026-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' },
      headers.analyst,
    );
    expect(onlyError(backwards)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'from',
      message: 'from must be earlier than to.',
    });
    const twice = await server.query(STATS, { groupBy: ['LABEL', 'LABEL'] }, headers.analyst);
    expect(onlyError(twice)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});

describe('the row cap', () => {
  let large: TestServer;
  let analyst: Headers;
  beforeAll(async () => {
    large = await startTestServer({ sample: false });
    // 1,200 articles over 25 days, 152 regions, 200 sources: tens of thousands of (region, source, day).
    await insertGeneratedContent(large.database.dataSource, {
      articles: 1_200,
      sources: 200,
      regionFanout: [2, 3, 4, 5],
      bodyBytes: 20,
    });
    analyst = (await headersByRole(large)).analyst;
  });
  afterAll(() => large?.stop());

  const DAYS = 5;
  const day = (offset: number) => new Date(Date.UTC(2025, 11, 7 + offset)).toISOString();

  // Six GROUP BYs over tens of thousands of groups: on SQLite, on a CI machine running the other
  // project's tests at once, they have taken over a minute together (hence the test's own timeout).
  it('refuses a request that would answer more than 10,000 rows, saying how to narrow it', async () => {
    const groupBy = ['REGION', 'SOURCE'];
    // The same groups, counted in windows of whole days (a day is a key, so no group is in two).
    let total = 0;
    for (let start = 0; start < 25; start += DAYS) {
      const window = { from: day(start), to: day(start + DAYS) };
      const rows = (await ok(large, analyst, STATS, { groupBy, bucket: 'DAY', ...window })).articleStats;
      expect(rows.length).toBeLessThanOrEqual(10_000);
      total += rows.length;
    }
    expect(total).toBeGreaterThan(10_000);
    const refused = await large.query(STATS, { groupBy, bucket: 'DAY', from: day(0), to: day(25) }, analyst);
    expect(onlyError(refused)).toEqual({
      code: 'BAD_USER_INPUT',
      field: undefined,
      message: expect.stringMatching(/more than 10,000 rows; narrow from\/to .* coarser bucket/),
    });
  }, 180_000);
});

describe('topSources', () => {
  const TOP = /* GraphQL */ `
    query ($filter: ArticleFilter, $first: Int) {
      topSources(filter: $filter, first: $first) {
        source {
          id
          name
        }
        articles
        citations
      }
    }
  `;
  const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

  /** Citations per source among `articles`, most first, ties by row id. */
  function expectedTop(articles: OracleArticle[], first: number) {
    const counts = new Map<string, number>();
    for (const article of articles) for (const { id } of article.sources) counts.set(id, (counts.get(id) ?? 0) + 1);
    return [...counts]
      .sort(([a, x], [b, y]) => y - x || rowIdOf(a) - rowIdOf(b))
      .slice(0, first)
      .map(([id, n]) => ({ id, articles: n, citations: n }));
  }
  const answered = (rows: any[]) =>
    rows.map((row) => ({ id: row.source.id, articles: row.articles, citations: row.citations }));

  it('lists the most-cited sources first, ties by id, 10 by default', async () => {
    const { topSources } = await ok(server, headers.analyst, TOP, {});
    expect(answered(topSources)).toEqual(expectedTop(everything, 10));
    expect(topSources[0].source.name).toMatch(/^Source \d+$/);
    const counts = topSources.map((row: any) => row.citations);
    expect(new Set(counts).size).toBeLessThan(counts.length);
  });

  it('counts the articles the filter selects', async () => {
    const filter = { regionCode: 'gen-0-1', label: 'Analysis' };
    const { topSources } = await ok(server, headers.admin, TOP, { filter, first: 100 });
    expect(answered(topSources)).toEqual(expectedTop(await listed(filter), 100));
  });

  it.each([0, 101, -1])('refuses first: %d', async (first) => {
    expect(onlyError(await server.query(TOP, { first }, headers.analyst))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
      message: 'first must be between 1 and 100.',
    });
  });
});

describe('who may ask', () => {
  const BOTH = '{ articleStats { articles } topSources(first: 1) { articles } }';
  it.each(ROLES)('%s', async (role) => {
    const response = await server.query(BOTH, {}, headers[role]);
    if (role === 'analyst' || role === 'admin') {
      expect(response.errors).toBeUndefined();
      expect(response.data!.articleStats).toEqual([{ articles: everything.length }]);
      return;
    }
    expect(response.data).toBeNull();
    for (const error of response.errors!) {
      expect(error.extensions!.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/needs an API key with role analyst or admin/);
      if (role === 'anonymous') expect(error.message).toMatch(/send "Authorization: Bearer <key>"/);
      else expect(error.message).toMatch(new RegExp(`not open to the ${role} role`));
    }
  });
});
