import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { GeneratedContentOptions } from '../src/seed/generated-content';
import { MAX_RUN_SECONDS } from './wrk';

export type BenchDatabase = 'sqlite' | 'postgres';

export interface BenchOptions {
  database: BenchDatabase;
  /** PostgreSQL database the data set lives in (created when missing). */
  postgresUrl: string;
  sqlitePath: string;
  size: 'full' | 'small';
  dataset: GeneratedContentOptions;
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  /**
   * Distinct request bodies each row rotates through (64 by default). With fewer, the same documents
   * repeat: what compiled execution is measured with as well (bench/README.md).
   */
  bodies: number;
  /** Operation keys to run; all when empty. */
  only: string[];
  quick: boolean;
  /** Write a CPU profile of every server process to bench/profiles/ (node --cpu-prof). */
  cpuProf: boolean;
  /** The Node binary the servers run on: the machine's (this process's), or Node 24's (`--node 24`). */
  serverNode: { path: string; version: string; asked: boolean };
  resultsDir: string;
}

/** The issue's data set: 10,000 articles, 300 sources, ~2,200 regions in four levels, 20,000 photos. */
const FULL: GeneratedContentOptions = {
  articles: 10_000,
  sources: 300,
  regionFanout: [5, 4, 10, 10],
  bodyBytes: 3_000,
  photos: 20_000,
};

/** Enough rows that every page size (1, 20, 100) is full, small enough to build in a second. */
const SMALL: GeneratedContentOptions = {
  articles: 600,
  sources: 60,
  regionFanout: [2, 3, 4, 5],
  bodyBytes: 3_000,
  photos: 1_200,
};

const USAGE = `npm run bench -- [--quick] [--database postgres|sqlite] [--size full|small]
  [--duration seconds] [--warmup seconds] [--connections n] [--bodies 1..64] [--only front-page,article-page,...] [--cpu-prof]
  [--node 24]
--duration and --warmup: ${MAX_RUN_SECONDS} s at most (wrk's signed requests are good for 5 minutes).
--node 24: the servers run on the Dockerfile's Node 24 (.ci/node-24; PostgreSQL only), the rest on this Node.
PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/content_bench[_small]).`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      database: { type: 'string' },
      size: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      bodies: { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      node: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick === true;
  const database = (values.database ?? 'postgres') as BenchDatabase;
  const size = (values.size ?? (quick ? 'small' : 'full')) as BenchOptions['size'];
  if (!['sqlite', 'postgres'].includes(database)) throw new Error(`--database must be sqlite or postgres\n${USAGE}`);
  if (!['full', 'small'].includes(size)) throw new Error(`--size must be full or small\n${USAGE}`);
  if (values.node !== undefined && values.node !== '24') throw new Error(`--node must be 24\n${USAGE}`);
  // The SQLite servers would load better-sqlite3 as compiled for this Node; .ci/on-node-24 has one for 24.
  if (values.node && database === 'sqlite') throw new Error(`--node 24 runs on PostgreSQL only\n${USAGE}`);
  const serverNode = values.node ? node24() : { path: process.execPath, version: process.version, asked: false };
  const seconds = (name: string, raw: string | undefined, fallback: number, min: number, max = Infinity) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}\n${USAGE}`);
    }
    return value;
  };
  const suffix = size === 'full' ? '' : `_${size}`;
  return {
    database,
    postgresUrl: process.env.BENCH_DATABASE_URL || `postgres://postgres@127.0.0.1:5432/content_bench${suffix}`,
    sqlitePath: `bench/data/content-${size}.sqlite`,
    size,
    dataset: size === 'full' ? FULL : SMALL,
    warmupSeconds: seconds('warmup', values.warmup, quick ? 1 : 20, 0, MAX_RUN_SECONDS),
    durationSeconds: seconds('duration', values.duration, quick ? 3 : 15, 1, MAX_RUN_SECONDS),
    connections: seconds('connections', values.connections, 32, 1),
    bodies: seconds('bodies', values.bodies, 64, 1, 64),
    only: values.only ? values.only.split(',') : [],
    quick,
    cpuProf: values['cpu-prof'] === true,
    serverNode,
    resultsDir: quick ? 'bench/results/quick' : 'bench/results',
  };
}

/** Node 24 as the Docker image runs it, fetched once (.ci/node-24). */
function node24(): BenchOptions['serverNode'] {
  const path = execFileSync('.ci/node-24', { encoding: 'utf8' }).trim();
  return { path, version: execFileSync(path, ['--version'], { encoding: 'utf8' }).trim(), asked: true };
}

/** What the servers need in their environment to reach the benchmark's database. */
export type DatabaseEnv = Record<string, string>;

export function databaseEnv(options: BenchOptions): DatabaseEnv {
  return options.database === 'postgres'
    ? { DATABASE_URL: options.postgresUrl }
    : { DATABASE_URL: '', SQLITE_PATH: options.sqlitePath };
}
