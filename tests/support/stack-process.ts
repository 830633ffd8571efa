import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * The stack as `npm start` runs it, in a process of its own (signals, exit codes and log lines
 * are the process's), from the sources through @swc-node/register, on free ports and a SQLite
 * file in a temporary directory unless `env` says otherwise.
 */
export interface StackProcess {
  readonly gatewayUrl: string;
  readonly contentUrl: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout so far, parsed (pino's JSON lines). */
  readonly logLines: Record<string, unknown>[];
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs, and removes its directory. */
  cleanUp(): Promise<void>;
}

export async function startStackProcess(
  env: Record<string, string> = {},
  /** Runs the process as this user and group (a root test's way to meet file permissions). */
  user?: { uid: number; gid: number },
): Promise<StackProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-process-'));
  const [gateway, content, engagement] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(gateway),
      CONTENT_PORT: String(content),
      ENGAGEMENT_PORT: String(engagement),
      SQLITE_PATH: join(dir, 'content.sqlite'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  });
  const logLines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logLines.push({ text: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const gatewayUrl = `http://127.0.0.1:${gateway}/graphql`;
  // Ready when its front service is: the gateway, or the content service when it runs alone.
  const front = (env.SERVICES ?? 'gateway').includes('gateway') ? gateway : content;
  // Compiling the sources on the fly makes a start take several seconds.
  const giveUp = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await cleanUp();
      throw new Error(`the stack exited at start (${child.exitCode}):\n${stderr}\n${JSON.stringify(logLines)}`);
    }
    const ready = await fetch(`http://127.0.0.1:${front}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > giveUp) {
      await cleanUp();
      throw new Error(`the stack did not get ready in 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { gatewayUrl, contentUrl: `http://127.0.0.1:${content}/graphql`, child, logLines, exited, cleanUp };
}
