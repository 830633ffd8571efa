import { Article } from '../src/article/article.entity';
import type { Role } from '../src/viewer';
import { headersByRole, Headers } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startGeneratedServer } from './support/generated';

let stack: FederatedStack;
let headers: Record<Role, Headers>;
const FORMULA_LABEL = "=cmd|' /C calc'!A0";

beforeAll(async () => {
  const { server } = await startGeneratedServer();
  headers = await headersByRole(server);
  // A label a spreadsheet would run as a formula, which the API's article input would also take.
  await server.database.dataSource
    .createQueryBuilder()
    .update(Article)
    .set({ label: FORMULA_LABEL })
    .where({ slug: 'gen-article-12' })
    .execute();
  stack = await startFederatedStack({ content: server });
});
afterAll(() => stack?.stop());

const csv = (query: string, as: Headers = headers.analyst) =>
  fetch(`http://127.0.0.1:${stack.gateway.port}/analytics/article-stats.csv?${query}`, { headers: as });

/** The same statistics as GraphQL through the gateway: what the export must write. */
async function viaGraphQL(variables: Record<string, unknown>): Promise<any[]> {
  const { data, errors } = await stack.query(
    `query ($filter: ArticleFilter, $groupBy: [ArticleStatsGroup!]!, $bucket: StatsBucket, $from: DateTime, $to: DateTime) {
      articleStats(filter: $filter, groupBy: $groupBy, bucket: $bucket, from: $from, to: $to) {
        region { code name } source { id name } sourceKind stateAffiliated label language bucket articles citations
      }
    }`,
    variables,
    headers.analyst,
  );
  expect(errors).toBeUndefined();
  return data!.articleStats;
}

const lines = async (response: Response) => (await response.text()).split('\n').filter(Boolean);

describe('GET /analytics/article-stats.csv at the gateway', () => {
  it('writes one line per row, with columns for the keys asked for, the bucket and the counts', async () => {
    const from = '2025-12-01T00:00:00.000Z';
    const to = '2026-02-01T00:00:00.000Z';
    const response = await csv(
      `groupBy=REGION&groupBy=SOURCE_KIND&bucket=MONTH&from=${from}&to=${to}&language=en&regionCode=gen-0-1`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="article-stats.csv"');
    const rows = await viaGraphQL({
      groupBy: ['REGION', 'SOURCE_KIND'],
      bucket: 'MONTH',
      from,
      to,
      filter: { language: 'en', regionCode: 'gen-0-1' },
    });
    expect(rows.length).toBeGreaterThan(20);
    expect(await lines(response)).toEqual([
      'region_code,region_name,source_kind,bucket,articles,citations',
      ...rows.map((row) =>
        [row.region.code, row.region.name, row.sourceKind, row.bucket, row.articles, row.citations].join(','),
      ),
    ]);
  });

  it('names sources by id and name, and writes booleans as true and false', async () => {
    const response = await csv('groupBy=SOURCE&groupBy=STATE_AFFILIATED');
    const rows = await viaGraphQL({ groupBy: ['SOURCE', 'STATE_AFFILIATED'] });
    expect(await lines(response)).toEqual([
      'source_id,source_name,state_affiliated,articles,citations',
      ...rows.map((row) =>
        [row.source.id, row.source.name, row.stateAffiliated, row.articles, row.citations].join(','),
      ),
    ]);
    expect(rows.some((row) => row.stateAffiliated === true)).toBe(true);
  });

  it('escapes a cell a spreadsheet would run as a formula', async () => {
    const written = await lines(await csv('groupBy=LABEL'));
    expect(written[0]).toBe('label,articles,citations');
    expect(written.some((line) => line.startsWith(`'${FORMULA_LABEL},`))).toBe(true);
    expect(written.some((line) => line.startsWith('='))).toBe(false);
  });

  it.each([
    [
      'anonymous',
      403,
      /not open to anonymous callers; it needs an API key with role analyst or admin; send "Authorization: Bearer <key>"/,
    ],
    ['partner', 403, /not open to the partner role; it needs an API key with role analyst or admin/],
    ['editor', 403, /not open to the editor role/],
  ] as const)('refuses %s callers with %d and what they need', async (role, status, message) => {
    const response = await csv('groupBy=REGION', headers[role]);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toMatch(message);
  });

  it('refuses a key that is not one with 401', async () => {
    const response = await csv('groupBy=REGION', { authorization: `Bearer cgk_${'A'.repeat(43)}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).toMatch(/unknown or revoked/);
  });

  it('answers admins as analysts', async () => {
    const [admin, analyst] = await Promise.all([csv('groupBy=LANGUAGE', headers.admin), csv('groupBy=LANGUAGE')]);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toBe(await analyst.text());
  });

  it.each([
    ['groupBy=NOWHERE', /"\$groupBy".*NOWHERE/],
    ['bucket=YEAR', /"\$bucket".*YEAR/],
    ['from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', /from must be earlier than to/],
    ['from=yesterday', /"\$from"/],
    ['bucket=DAY&bucket=WEEK', /Give bucket once/],
    ['colour=red', /"colour" is not defined by type "ArticleFilter"/],
  ])('answers %s with 400 and what to fix', async (query, message) => {
    const response = await csv(query);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\bat\s+\S+\.(js|ts):\d+/);
  });
});
