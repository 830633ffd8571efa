import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { signSubgraphRequest } from '../src/server/subgraph-signature';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '../../bench/post.lua');

/**
 * The longest wrk run, the bound of --warmup and --duration (options.ts): a run's signatures are
 * made once, right before it starts, and a subgraph takes a signature for 5 minutes
 * (src/server/subgraph-signature.ts), so the last request of a run this long still arrives a minute
 * inside that. wrk's Lua has no HMAC to sign as it goes.
 */
export const MAX_RUN_SECONDS = 240;

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Responses with a status other than 2xx/3xx. */
  non2xx: number;
  /** 2xx responses carrying GraphQL errors, and the first of them. */
  graphqlErrors: number;
  firstError?: string;
}

/**
 * Loads `url` with wrk (a C load generator, so the client's cost does not eat into the servers'
 * two cores the way a Node client would) for `seconds`, POSTing `bodies` round-robin, each signed
 * with SUBGRAPH_SECRET `secret` as the gateway signs its subgraph requests.
 */
export async function runWrk(
  url: string,
  bodies: string[],
  options: { seconds: number; connections: number; secret: string; authorization?: string },
): Promise<LoadResult> {
  mkdirSync('bench/data', { recursive: true });
  const bodyFile = join('bench/data', `bodies-${process.pid}.jsonl`);
  const signatureFile = join('bench/data', `signatures-${process.pid}.txt`);
  writeFileSync(bodyFile, `${bodies.join('\n')}\n`);
  // Made right before the run, which is far shorter than the 5 minutes they are good for (MAX_RUN_SECONDS).
  writeFileSync(signatureFile, `${bodies.map((body) => signSubgraphRequest(options.secret, body)).join('\n')}\n`);
  const { stdout } = await run(
    'wrk',
    ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '30s', '-s', SCRIPT, url],
    {
      env: {
        ...process.env,
        BENCH_BODIES: bodyFile,
        BENCH_SIGNATURES: signatureFile,
        BENCH_AUTHORIZATION: options.authorization ?? '',
      },
      maxBuffer: 1 << 20,
    },
  ).finally(() => {
    rmSync(bodyFile, { force: true });
    rmSync(signatureFile, { force: true });
  });
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(line.slice('BENCH_RESULT '.length)) as Record<string, number>;
  return {
    requests: raw.requests,
    requestsPerSecond: raw.requests / (raw.durationUs / 1e6),
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
    maxMs: raw.maxUs / 1000,
    errors: raw.errors,
    non2xx: raw.non2xx,
    graphqlErrors: raw.graphqlErrors,
    firstError: stdout
      .split('\n')
      .find((text) => text.startsWith('BENCH_FIRST_ERROR '))
      ?.slice(18),
  };
}

export async function assertWrkInstalled(): Promise<void> {
  try {
    await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
      // wrk --version prints its banner and exits with status 1.
      if (!error.stdout?.includes('wrk')) throw error;
    });
  } catch {
    throw new Error('wrk is not installed: apt-get update && apt-get install -y wrk');
  }
}
