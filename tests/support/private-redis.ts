import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port';

/**
 * A Redis server a test starts for itself, on a port of its own (never the machine's shared one),
 * so that it can stop and start it mid-test. Nothing is kept on disk.
 */
export interface PrivateRedis {
  readonly url: string;
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Ready once it says so on stdout.
    await new Promise<void>((resolve, reject) => {
      let said = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        said += chunk.toString('utf8');
        if (said.includes('Ready to accept connections')) resolve();
      });
      server!.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${said}`)));
    });
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
