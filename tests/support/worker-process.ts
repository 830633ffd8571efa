import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/config';

/** `npm run webhooks` in a process of its own, from the sources, on a test's database. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the worker and resolves once it says it started (its log line). */
export async function startWorkerProcess(
  database: DatabaseConfig,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/webhooks.cli.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ...(database.kind === 'postgres' ? { DATABASE_URL: database.url! } : { SQLITE_PATH: database.sqlitePath }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"msg":"webhook worker started"')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then(({ code }) => reject(new Error(`the webhook worker exited at start (${code}):\n${output}`)));
  });
  // Keep reading, so a full pipe never stalls the worker.
  child.stdout!.resume();
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  return { child, exited, kill };
}
