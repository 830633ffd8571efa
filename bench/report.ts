import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedContentOptions } from '../src/seed/generated-content';
import { operations } from './operations';
import type { CacheFigures } from './response-cache';
import { TargetKey, TARGETS } from './stack';
import { Counts, PAGE_SIZES } from './statements';
import type { LoadResult } from './wrk';

export interface StatementCheck {
  operation: string;
  subgraph: Counts;
  nPlusOne: Counts;
  /** Through the gateway (its QUERY_STATS sums the subgraphs'), once there is one. */
  gateway?: Counts;
  /** The subgraph, directly and through the gateway, runs as many statements for 100 rows as for 1. */
  invariant: boolean;
}

export interface Row {
  operation: string;
  target: TargetKey;
  size: number;
  skipped?: string;
  statements?: number;
  load?: LoadResult;
  /** Highest RSS of the serving process so far (it serves earlier rows too), MB. */
  peakRssMb?: number;
  /** CPU per request during the measured run: all Node servers together, and PostgreSQL. */
  cpu?: { nodeMsPerRequest: number; postgresMsPerRequest: number; otherCores: number };
  /** The cached gateway's rows (bench/response-cache.ts). */
  cache?: CacheFigures;
}

export interface BenchResults {
  date: string;
  database: string;
  dataset: GeneratedContentOptions;
  settings: { warmupSeconds: number; durationSeconds: number; connections: number; bodies?: number; quick: boolean };
  /** `node`: what the servers ran on; `runner`: what ran this script and wrk's helpers (older results lack it). */
  machine: { cpus: number; node: string; runner?: string };
  statements: StatementCheck[];
  rows: Row[];
  processes: { name: string; peakRssMb: number }[];
}

const titleOf = (key: string) => operations.find((operation) => operation.key === key)?.title ?? key;
const targetTitle = (key: TargetKey) => TARGETS.find((target) => target.key === key)!.title;
const fixed = (value: number | undefined, digits = 0) => (value === undefined ? '–' : value.toFixed(digits));
const percent = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value * 100)} %`);

function rps(results: BenchResults, operation: string, target: TargetKey): number | undefined {
  return results.rows.find((row) => row.operation === operation && row.target === target)?.load?.requestsPerSecond;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/** Ratios of requests per second: what each layer costs. */
export function ratios(results: BenchResults) {
  const rawFront = rps(results, 'front-page', 'raw');
  return [...new Set(results.rows.map((row) => row.operation))].map((operation) => ({
    operation,
    // Against the operation's own raw row; the region page has none and is held to the front page's.
    subgraphOverRaw: ratio(
      rps(results, operation, 'subgraph'),
      operation === 'region-page' ? rawFront : rps(results, operation, 'raw'),
    ),
    gatewayOverSubgraph: ratio(rps(results, operation, 'gateway'), rps(results, operation, 'subgraph')),
    dataLoaderOverNPlusOne: ratio(rps(results, operation, 'subgraph'), rps(results, operation, 'n+1')),
    compiledOverSubgraph: ratio(rps(results, operation, 'compiled'), rps(results, operation, 'subgraph')),
  }));
}

/** The issue's targets, each met (true), missed (false) or not measurable in this run (null). */
export function targets(results: BenchResults): { target: string; met: boolean | null; detail: string }[] {
  const all = (values: (boolean | undefined)[]) =>
    values.some((value) => value === undefined) || values.length === 0 ? null : values.every(Boolean);
  const subgraphRows = results.rows.filter((row) => row.target === 'subgraph' && row.load);
  const table = ratios(results);
  const pick = (operation: string) => table.find((entry) => entry.operation === operation);
  const cachedFront = results.rows.find((row) => row.operation === 'front-page' && row.target === 'cached' && row.load);
  return [
    {
      target: 'statements per request do not change with page size (1, 20, 100)',
      met: results.statements.every((check) => check.invariant),
      detail: results.statements
        .filter((check) => !check.invariant)
        .map((check) => check.operation)
        .join(', '),
    },
    ...(
      [
        ['front-page', 0.5],
        ['region-page', 0.5],
        ['partner-sync', 0.4],
        ['entity-fetch', 0.4],
      ] as const
    ).map(([operation, share]) => ({
      target: `${titleOf(operation)}: subgraph ≥ ${share * 100} % of the raw handler's req/s`,
      met: all([
        pick(operation)?.subgraphOverRaw === undefined ? undefined : pick(operation)!.subgraphOverRaw! >= share,
      ]),
      detail: percent(pick(operation)?.subgraphOverRaw),
    })),
    ...['partner-sync', 'entity-fetch'].map((operation) => {
      const cpu = subgraphRows.find((row) => row.operation === operation)?.cpu?.nodeMsPerRequest;
      return {
        target: `${titleOf(operation)}: subgraph Node CPU ≤ 20 ms per request`,
        met: all([cpu === undefined ? undefined : cpu <= 20]),
        detail: cpu === undefined ? '' : `${fixed(cpu, 2)} ms`,
      };
    }),
    {
      target: 'gateway ≥ 70 % of the subgraph’s req/s',
      met: all(
        table.map((entry) => (entry.gatewayOverSubgraph === undefined ? undefined : entry.gatewayOverSubgraph >= 0.7)),
      ),
      detail: table.map((entry) => `${titleOf(entry.operation)} ${percent(entry.gatewayOverSubgraph)}`).join(', '),
    },
    {
      target: `p99 < 100 ms on the subgraph at ${results.settings.connections} connections`,
      met: all(subgraphRows.map((row) => row.load!.p99Ms < 100)),
      detail: subgraphRows.map((row) => `${titleOf(row.operation)} ${fixed(row.load!.p99Ms, 1)} ms`).join(', '),
    },
    {
      target: `front page, gateway cache warm: ≥ the raw handler's req/s, p99 < 50 ms at ${results.settings.connections} connections`,
      met: all([
        cachedFront && rps(results, 'front-page', 'raw') !== undefined
          ? cachedFront.load!.requestsPerSecond >= rps(results, 'front-page', 'raw')! && cachedFront.load!.p99Ms < 50
          : undefined,
      ]),
      detail: cachedFront
        ? `${fixed(cachedFront.load!.requestsPerSecond)} req/s vs ${fixed(rps(results, 'front-page', 'raw'))}, p99 ${fixed(cachedFront.load!.p99Ms, 1)} ms`
        : '',
    },
    {
      target: 'peak RSS < 300 MB per process',
      met: all(results.processes.map((process) => process.peakRssMb < 300)),
      detail: results.processes.map((process) => `${process.name} ${fixed(process.peakRssMb)} MB`).join(', '),
    },
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const d = results.dataset;
  const s = results.settings;
  const lines = [
    `# Benchmark ${results.date.slice(0, 10)} (${results.database}${s.quick ? ', quick' : ''}, Node ${results.machine.node})`,
    '',
    `${d.articles} articles (~${d.bodyBytes} B bodies), ${d.sources} sources, region fan-out ${d.regionFanout.join('/')}, ` +
      `${d.photos ?? 'own'} photos. wrk, ${s.connections} connections, ${s.warmupSeconds} s warm-up, ` +
      `${s.durationSeconds} s measured per row` +
      `${s.bodies !== undefined && s.bodies < 64 ? `, ${s.bodies} distinct request bodies per row (not 64)` : ''}. ` +
      `${results.machine.cpus} cores, servers on Node ${results.machine.node}.`,
    '',
    '| operation | target | page | req/s | p50 ms | p99 ms | SQL/req | Node CPU ms/req | PG CPU ms/req | peak RSS MB | errors |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...results.rows.map((row) => {
      const cells = [titleOf(row.operation), targetTitle(row.target), String(row.size)];
      if (row.skipped) return `| ${cells.join(' | ')} | ${row.skipped} | | | | | | | |`;
      const l = row.load!;
      if (l.requests === 0) {
        return `| ${cells.join(' | ')} | 0 (none finished in ${results.settings.durationSeconds} s) | | | ${row.statements} | | | | ${l.errors} |`;
      }
      return `| ${[
        ...cells,
        fixed(l.requestsPerSecond),
        fixed(l.p50Ms, 1),
        fixed(l.p99Ms, 1),
        String(row.statements),
        fixed(row.cpu?.nodeMsPerRequest, 2),
        results.database === 'postgres' ? fixed(row.cpu?.postgresMsPerRequest, 2) : '–',
        fixed(row.peakRssMb),
        String(l.errors + l.non2xx + l.graphqlErrors),
      ].join(' | ')} |`;
    }),
    '',
    '| operation | subgraph / raw | gateway / subgraph | DataLoader / N+1 | EXECUTOR=jit / subgraph |',
    '|---|--:|--:|--:|--:|',
    ...ratios(results).map(
      (entry) =>
        `| ${titleOf(entry.operation)} | ${percent(entry.subgraphOverRaw)} | ${percent(entry.gatewayOverSubgraph)} | ` +
        `${entry.dataLoaderOverNPlusOne === undefined ? '–' : `${entry.dataLoaderOverNPlusOne.toFixed(1)}×`} | ` +
        `${percent(entry.compiledOverSubgraph)} |`,
    ),
    '',
    '| operation | cached / uncached gateway req/s | hit ratio | a miss, ms | the same request uncached, ms |',
    '|---|--:|--:|--:|--:|',
    ...results.rows
      .filter((row) => row.cache)
      .map(
        (row) =>
          `| ${titleOf(row.operation)} | ${fixed(ratio(row.load!.requestsPerSecond, rps(results, row.operation, 'gateway')), 1)}× | ` +
          `${percent(row.cache!.hitRatio)} | ${fixed(row.cache!.missMs, 1)} | ${fixed(row.cache!.uncachedMs, 1)} |`,
      ),
    '',
    `| SQL statements at page size | ${['subgraph', 'gateway', 'N+1'].flatMap((kind) => PAGE_SIZES.map((size) => `${kind} ${size}`)).join(' | ')} | constant |`,
    `|---|${'--:|'.repeat(PAGE_SIZES.length * 3)}:-:|`,
    ...results.statements.map((check) => {
      const cells = (counts: Counts | undefined) =>
        !counts || 'unavailable' in counts
          ? PAGE_SIZES.map(() => '–')
          : PAGE_SIZES.map((size) => String(counts.sizes[size]));
      const all = [...cells(check.subgraph), ...cells(check.gateway), ...cells(check.nPlusOne)];
      return `| ${titleOf(check.operation)} | ${all.join(' | ')} | ${check.invariant ? 'yes' : '**no**'} |`;
    }),
    '',
    ...targets(results).map(
      (entry) =>
        `- ${entry.met === null ? '(not measured)' : entry.met ? 'met' : '**missed**'}: ${entry.target}${entry.detail ? ` — ${entry.detail}` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}

export function printSummary(results: BenchResults): void {
  console.log(`\n${renderMarkdown(results)}`);
}

/** bench/results/<date>.json and .md; a later run on the same day replaces them. */
export function writeResults(dir: string, results: BenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  // A run on another Node than the runner's has files of its own, beside the same day's run on it.
  const other = results.machine.runner && results.machine.runner !== results.machine.node;
  // So does a run with fewer distinct bodies: it measures something else.
  const bodies = results.settings.bodies;
  const base = join(
    dir,
    `${results.date.slice(0, 10)}${other ? `-node${/^v(\d+)/.exec(results.machine.node)![1]}` : ''}` +
      `${bodies !== undefined && bodies < 64 ? `-bodies${bodies}` : ''}`,
  );
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderMarkdown(results));
  return [`${base}.json`, `${base}.md`];
}
