import { existsSync } from 'node:fs';
import type { DatabaseEnv } from './options';
import type { BenchOptions } from './options';
import { freePort, ServerProcess, startProcess } from './processes';

/** The ways a request can be served; each row of the table is one operation on one of them. */
export type TargetKey = 'raw' | 'subgraph' | 'n+1' | 'gateway';

export const TARGETS: { key: TargetKey; title: string }[] = [
  { key: 'raw', title: 'raw SQL (json_agg)' },
  { key: 'subgraph', title: 'subgraph' },
  { key: 'n+1', title: 'subgraph, no DataLoader' },
  { key: 'gateway', title: 'gateway → subgraph' },
];

const nodeFlags = (options: BenchOptions, name: string) =>
  options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles', `--cpu-prof-name=${name}-\${pid}.cpuprofile`] : [];

/** The content service as deployed (dist/src/main.js), configured only through its environment. */
export async function startContent(
  options: BenchOptions,
  database: DatabaseEnv,
  name: string,
  settings: { batching: boolean; queryStats: boolean },
): Promise<ServerProcess> {
  const port = await freePort();
  return startProcess({
    name,
    script: 'dist/src/main.js',
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: nodeFlags(options, name),
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
    },
  });
}

/** PostgreSQL only: the hand-written json_agg statement has no SQLite counterpart here. */
export async function startRaw(options: BenchOptions): Promise<ServerProcess | null> {
  if (options.database !== 'postgres') return null;
  const port = await freePort();
  return startProcess({
    name: 'raw',
    script: 'dist/bench/raw-front-page.js',
    args: [String(port), options.postgresUrl, '10'],
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: nodeFlags(options, 'raw'),
  });
}

/** The federation gateway in front of `subgraph`, once src/gateway/ is built; null until then. */
export async function startGateway(options: BenchOptions, subgraph: ServerProcess): Promise<ServerProcess | null> {
  const script = 'dist/src/gateway/main.js';
  if (!existsSync(script)) return null;
  const port = await freePort();
  return startProcess({
    name: 'gateway',
    script,
    port,
    healthPath: '/health',
    graphqlPath: '/graphql',
    nodeFlags: nodeFlags(options, 'gateway'),
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      CONTENT_SUBGRAPH_URL: subgraph.url,
      LOG_LEVEL: 'warn',
    },
  });
}
