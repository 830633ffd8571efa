import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Sample } from './operations';
import type { BenchOptions, DatabaseEnv } from './options';
import { freePort, ServerProcess, startProcess } from './processes';
import { collectSample } from './statements';

/** The ways a request can be served; each row of the table is one operation on one of them. */
export type TargetKey = 'raw' | 'subgraph' | 'compiled' | 'n+1' | 'gateway' | 'cached';

export const TARGETS: { key: TargetKey; title: string }[] = [
  { key: 'raw', title: 'raw SQL (json_agg)' },
  { key: 'subgraph', title: 'subgraph' },
  { key: 'compiled', title: 'subgraph, EXECUTOR=jit' },
  { key: 'n+1', title: 'subgraph, no DataLoader' },
  { key: 'gateway', title: 'gateway → subgraph' },
  { key: 'cached', title: 'gateway, cache warm' },
];

const nodeFlags = (options: BenchOptions, name: string) =>
  options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles', `--cpu-prof-name=${name}.cpuprofile`] : [];

/**
 * The Node flags the Docker image runs the services with (the flags in its `CMD ["node", …]`), read
 * from the Dockerfile as .ci/node-24 reads its Node version, so the content and gateway servers
 * here run as deployed. The raw and engagement servers are the benchmark's own and run without.
 */
const deployedFlags = (): string[] => {
  const cmd = /^CMD (\[.*\])\s*$/m.exec(readFileSync('Dockerfile', 'utf8'));
  const args = cmd ? (JSON.parse(cmd[1]) as string[]) : [];
  return args.slice(1).filter((arg) => arg.startsWith('--'));
};

/** The content service as deployed (dist/src/main.js), configured only through its environment. */
async function startContent(
  options: BenchOptions,
  database: DatabaseEnv,
  name: string,
  settings: { batching: boolean; queryStats: boolean; secret: string; executor?: 'graphql-js' | 'jit' },
): Promise<ServerProcess> {
  const port = await freePort();
  return startProcess({
    name,
    script: 'dist/src/main.js',
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: [...deployedFlags(), ...nodeFlags(options, name)],
    node: options.serverNode.path,
    env: {
      ...database,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      SERVICES: 'content',
      CONTENT_PORT: String(port),
      SEED_SAMPLE: '0',
      LOG_LEVEL: 'warn',
      QUERY_STATS: settings.queryStats ? '1' : '0',
      DATALOADER_BATCHING: settings.batching ? '1' : '0',
      SUBGRAPH_SECRET: settings.secret,
      ...(settings.executor ? { EXECUTOR: settings.executor } : {}),
    },
  });
}

/** The operations the raw handler answers (bench/raw-server.ts); the others have no raw row. */
export const RAW_OPERATIONS = ['front-page', 'partner-sync', 'entity-fetch'];

/** PostgreSQL only: the hand-written json_agg statements have no SQLite counterpart here. */
async function startRaw(options: BenchOptions): Promise<ServerProcess | null> {
  if (options.database !== 'postgres') return null;
  const port = await freePort();
  return startProcess({
    name: 'raw',
    script: 'dist/bench/raw-server.js',
    args: [String(port), options.postgresUrl, '10'],
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: nodeFlags(options, 'raw'),
    node: options.serverNode.path,
  });
}

/** The example engagement subgraph, knowing the given articles (bench/engagement-server.ts). */
async function startEngagement(options: BenchOptions, slugs: string[], secret: string): Promise<ServerProcess> {
  const port = await freePort();
  const slugsFile = 'bench/data/engagement-slugs.txt';
  mkdirSync('bench/data', { recursive: true });
  writeFileSync(slugsFile, `${slugs.join('\n')}\n`);
  return startProcess({
    name: 'engagement',
    script: 'dist/bench/engagement-server.js',
    args: [String(port), slugsFile],
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: nodeFlags(options, 'engagement'),
    node: options.serverNode.path,
    env: { SUBGRAPH_SECRET: secret },
  });
}

/** Hive Gateway as deployed (the precomposed supergraph), routing to the processes started here. */
async function startGateway(
  options: BenchOptions,
  subgraphs: { content: ServerProcess; engagement: ServerProcess },
  settings: { queryStats: boolean; secret: string; responseCache: boolean },
): Promise<ServerProcess> {
  const port = await freePort();
  const name = settings.responseCache ? 'gateway-cached' : 'gateway';
  return startProcess({
    name,
    script: GATEWAY,
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: [...deployedFlags(), ...nodeFlags(options, name)],
    node: options.serverNode.path,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_SUPERGRAPH: 'file',
      CONTENT_SUBGRAPH_URL: subgraphs.content.url,
      ENGAGEMENT_SUBGRAPH_URL: subgraphs.engagement.url,
      LOG_LEVEL: 'warn',
      QUERY_STATS: settings.queryStats ? '1' : '0',
      SUBGRAPH_SECRET: settings.secret,
      // 32 connections from one address, anonymous or with a key: counted as in production, never limited.
      RATE_LIMIT_ANONYMOUS: '1000000000000',
      RATE_LIMIT_PARTNER: '1000000000000',
      RATE_LIMIT_ANALYST: '1000000000000',
      // The plain gateway rows measure execution through the gateway: every request misses.
      RESPONSE_CACHE_TTL_S: settings.responseCache ? '300' : '0',
    },
  });
}

const GATEWAY = 'dist/src/gateway/main.js';

export interface Stack {
  readonly servers: Record<TargetKey, ServerProcess | null>;
  /** Read through the subgraph as soon as it is up; the engagement subgraph is given its newest 100 articles. */
  readonly sample: Sample;
  /**
   * SUBGRAPH_SECRET of this stack, new for each: the subgraphs answer only requests signed with it,
   * as deployed, so the bench signs what it sends them directly (statements.ts, wrk.ts).
   */
  readonly secret: string;
  readonly running: ServerProcess[];
  stop(): Promise<void>;
}

/**
 * Every target in its own process: the subgraph with and without DataLoader, the raw handler
 * (PostgreSQL, not when counting statements) and, once src/gateway/ is built, the gateway in front
 * of the subgraph with the engagement subgraph beside it.
 */
export async function startStack(
  options: BenchOptions,
  database: DatabaseEnv,
  settings: { queryStats: boolean; raw: boolean },
): Promise<Stack> {
  const running: ServerProcess[] = [];
  const started = async (server: Promise<ServerProcess | null>) => {
    const value = await server;
    if (value) running.push(value);
    return value;
  };
  const stop = () => Promise.all(running.map((server) => server.stop())).then(() => undefined);
  try {
    const tag = settings.queryStats ? '-counting' : '';
    const { queryStats } = settings;
    const secret = randomBytes(32).toString('hex');
    const subgraph = (await started(
      startContent(options, database, `subgraph${tag}`, { batching: true, queryStats, secret }),
    ))!;
    const sample = await collectSample(subgraph.url, secret);
    const nPlusOne = await started(
      startContent(options, database, `n+1${tag}`, { batching: false, queryStats, secret }),
    );
    // The same service with operations compiled (src/server/compiled-execution.ts), beside it in
    // the same run so that the two are compared on the same machine at the same time. It runs the
    // statements the subgraph runs (tests/compiled-execution.test.ts), so it is not counted.
    const compiled = queryStats
      ? null
      : await started(
          startContent(options, database, 'compiled', { batching: true, queryStats, secret, executor: 'jit' }),
        );
    const raw = settings.raw ? await started(startRaw(options)) : null;
    let gateway: ServerProcess | null = null;
    let cached: ServerProcess | null = null;
    if (existsSync(GATEWAY)) {
      const engagement = (await started(startEngagement(options, sample.slugs.slice(0, 100), secret)))!;
      const subgraphs = { content: subgraph, engagement };
      gateway = await started(startGateway(options, subgraphs, { queryStats, secret, responseCache: false }));
      // Its answers come from its cache: nothing to count statements on.
      if (!queryStats) {
        cached = await started(startGateway(options, subgraphs, { queryStats, secret, responseCache: true }));
      }
    }
    return { servers: { subgraph, compiled, 'n+1': nPlusOne, raw, gateway, cached }, sample, secret, running, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
