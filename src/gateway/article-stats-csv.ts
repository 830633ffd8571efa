import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Logger } from 'pino';
import { ExecuteOperation, runOperation, sendText } from './http-exports';

export const ARTICLE_STATS_CSV_PATH = '/analytics/article-stats.csv';

/**
 * What the export runs: `articleStats` with every key selected; a key not grouped by is null and
 * costs nothing (its resolver loads nothing). Safelisted (scripts/reference-operations.ts), so keys
 * restricted to the safelist can export too.
 */
export const ARTICLE_STATS_CSV_QUERY = /* GraphQL */ `
  query ArticleStatsCsv(
    $filter: ArticleFilter
    $groupBy: [ArticleStatsGroup!]!
    $bucket: StatsBucket
    $from: DateTime
    $to: DateTime
  ) {
    articleStats(filter: $filter, groupBy: $groupBy, bucket: $bucket, from: $from, to: $to) {
      region {
        code
        name
      }
      source {
        id
        name
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

interface StatsRow {
  region: { code: string; name: string } | null;
  source: { id: string; name: string } | null;
  sourceKind: string | null;
  stateAffiliated: boolean | null;
  label: string | null;
  language: string | null;
  bucket: string | null;
  articles: number;
  citations: number;
}

type Column = [name: string, value: (row: StatsRow) => unknown];

/** The CSV columns of each key: a region by code and name, a source by id and name. */
const KEY_COLUMNS: Record<string, Column[]> = {
  REGION: [
    ['region_code', (row) => row.region?.code],
    ['region_name', (row) => row.region?.name],
  ],
  SOURCE: [
    ['source_id', (row) => row.source?.id],
    ['source_name', (row) => row.source?.name],
  ],
  SOURCE_KIND: [['source_kind', (row) => row.sourceKind]],
  STATE_AFFILIATED: [['state_affiliated', (row) => row.stateAffiliated]],
  LABEL: [['label', (row) => row.label]],
  LANGUAGE: [['language', (row) => row.language]],
};

const BUCKET: Column = ['bucket', (row) => row.bucket];
const COUNTS: Column[] = [
  ['articles', (row) => row.articles],
  ['citations', (row) => row.citations],
];

/** Added to GraphQL's messages about a variable, which is the query parameter of the same name. */
const PARAMETERS =
  'Query parameters: groupBy (repeatable), bucket, from and to, and any field of ArticleFilter (regionCode, ' +
  'sourceId, …), as articleStats takes them in the GraphQL schema.';

/** Query parameters that are articleStats' own arguments; every other one is a field of its filter. */
const SINGLE_ARGUMENTS = ['bucket', 'from', 'to'];

class BadParameters extends Error {}

/**
 * GET /analytics/article-stats.csv?groupBy=REGION&bucket=MONTH&from=…&to=…&regionCode=…: articleStats
 * as a CSV download. The operation is run through the gateway's own pipeline (`execute`: the
 * gateway's fetch) with the caller's Authorization header and connection, so everything a GraphQL
 * request goes through applies: the key check, the role check in content, the cost and rate limits,
 * the safelist, logs and metrics. Errors are plain text with the status their code means.
 */
export async function articleStatsCsv(
  req: IncomingMessage,
  res: ServerResponse,
  execute: ExecuteOperation,
  log: Pick<Logger, 'error'>,
): Promise<void> {
  if (req.method !== 'GET') {
    return sendText(res, 405, `${ARTICLE_STATS_CSV_PATH} answers GET only.`, { allow: 'GET' });
  }
  let variables: Record<string, unknown>;
  try {
    variables = variablesOf(new URL(req.url ?? '/', 'http://gateway').searchParams);
  } catch (error) {
    if (error instanceof BadParameters) return sendText(res, 400, error.message);
    throw error;
  }
  const answer = await runOperation<{ articleStats: StatsRow[] }>(
    req,
    res,
    execute,
    { query: ARTICLE_STATS_CSV_QUERY, variables },
    log,
    (message) => (message.startsWith('Variable "$') ? `${message}\n${PARAMETERS}` : message),
  );
  if (!answer) return;
  const columns: Column[] = [
    ...(variables.groupBy as string[]).flatMap((group) => KEY_COLUMNS[group]),
    ...(variables.bucket ? [BUCKET] : []),
    ...COUNTS,
  ];
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="article-stats.csv"',
    'cache-control': 'no-store',
  });
  // Written as the socket takes it, a row at a time; a label such as "=cmd" is written as "'=cmd",
  // which a spreadsheet shows as text instead of running it.
  const records = function* () {
    for (const row of answer.data.articleStats) yield columns.map(([, value]) => value(row) ?? null);
  };
  await pipeline(
    Readable.from(records()),
    stringify({
      header: true,
      columns: columns.map(([name]) => name),
      escape_formulas: true,
      cast: { boolean: (value) => String(value) },
    }),
    res,
  );
}

/** The operation's variables from the query string; a parameter given twice (other than groupBy) is refused. */
function variablesOf(params: URLSearchParams): Record<string, unknown> {
  const variables: Record<string, unknown> = { groupBy: params.getAll('groupBy') };
  const filter: Record<string, string> = {};
  for (const name of new Set(params.keys())) {
    if (name === 'groupBy') continue;
    const values = params.getAll(name);
    if (values.length > 1) throw new BadParameters(`Give ${name} once (it was given ${values.length} times).`);
    if (SINGLE_ARGUMENTS.includes(name)) variables[name] = values[0];
    else filter[name] = values[0];
  }
  if (Object.keys(filter).length) variables.filter = filter;
  return variables;
}
