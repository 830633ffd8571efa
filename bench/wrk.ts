import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '../../bench/post.lua');

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
 * two cores the way a Node client would) for `seconds`, POSTing `bodies` round-robin.
 */
export async function runWrk(
  url: string,
  bodies: string[],
  options: { seconds: number; connections: number },
): Promise<LoadResult> {
  mkdirSync('bench/data', { recursive: true });
  const bodyFile = join('bench/data', `bodies-${process.pid}.jsonl`);
  writeFileSync(bodyFile, `${bodies.join('\n')}\n`);
  const { stdout } = await run(
    'wrk',
    ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '30s', '-s', SCRIPT, url],
    { env: { ...process.env, BENCH_BODIES: bodyFile }, maxBuffer: 1 << 20 },
  ).finally(() => rmSync(bodyFile, { force: true }));
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
