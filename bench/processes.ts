import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server under test in its own process, so its memory and CPU are its own. */
export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Highest resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** User + system CPU time so far, in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** Built JavaScript entry point, relative to the repository root. */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  port: number;
  /** Path answered once the server is ready; the GraphQL endpoint is `graphqlPath`. */
  healthPath: string;
  graphqlPath: string;
  nodeFlags?: string[];
  /** The Node binary to run `script` with; this process's by default. */
  node?: string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startProcess(options: SpawnOptions): Promise<ServerProcess> {
  const child = spawn(
    options.node ?? process.execPath,
    [...(options.nodeFlags ?? []), options.script, ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${options.port}`;
  await waitUntilHealthy(`${base}${options.healthPath}`, child, options.name);
  const pid = child.pid!;
  return {
    name: options.name,
    url: `${base}${options.graphqlPath}`,
    pid,
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    cpuSeconds: () => {
      return processCpuSeconds(pid) ?? 0;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(10_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

async function waitUntilHealthy(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready at ${url} within 60 s`);
}

/** utime + stime of a process in seconds, from /proc (clock ticks of 1/100 s); null once it is gone. */
function processCpuSeconds(pid: number | string): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine has been busy (all cores, any process). */
export function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

/**
 * CPU seconds of each PostgreSQL backend serving `database` (its process title names the
 * database), by pid: backends of other databases on the same server do not count.
 */
export function postgresBackendSeconds(database: string): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue;
      seconds.set(pid, processCpuSeconds(pid) ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return seconds;
}
