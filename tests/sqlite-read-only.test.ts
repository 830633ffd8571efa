import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../src/config';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
import { seedSampleIfEmpty } from '../src/seed/seed';
import { startStackProcess } from './support/stack-process';

const describeSqlite = config.database.kind === 'sqlite' ? describe : describe.skip;

/** `nobody`, for a test running as root, whom file permissions do not stop. */
const NOBODY = { uid: 65534, gid: 65534 };
const root = process.getuid?.() === 0;
const serviceUser = root ? NOBODY : { uid: process.getuid!(), gid: process.getgid!() };

/**
 * Files the content service may not write, as an operator meets them (permissions, the service's
 * own user): it refuses to start, naming the file and what to fix, rather than starting and
 * failing every write later.
 */
describeSqlite('a SQLite database the content service may not write', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A folder holding a migrated database with the sample. */
  async function databaseIn(): Promise<{ dir: string; path: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'read-only-sqlite-'));
    dirs.push(dir);
    const path = join(dir, 'content.sqlite');
    const dataSource = createDataSource({ ...config.database, sqlitePath: path });
    await migrate(dataSource);
    await seedSampleIfEmpty(dataSource, 'https://news.example.org');
    await dataSource.destroy();
    return { dir, path };
  }

  /** Rejects when the service does not start; a service that started anyway is stopped again. */
  const start = async (path: string) => {
    const started = await startStackProcess({ SERVICES: 'content', SQLITE_PATH: path }, root ? NOBODY : undefined);
    await started.cleanUp();
    return started;
  };
  const mayNotWrite = (path: string) =>
    new RegExp(
      `Cannot use the SQLite database ${path}: this process \\(uid \\d+\\) may not write it: make the file and its folder writable`,
    );

  it('refuses to start on a read-only file in a read-only folder', async () => {
    const { dir, path } = await databaseIn();
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), root ? 0o644 : 0o444);
    chmodSync(dir, root ? 0o755 : 0o555);
    await expect(start(path)).rejects.toThrow(mayNotWrite(path));
  });

  it('refuses to start on a read-only file in a folder it may write (where SQLite opens it without a word)', async () => {
    const { dir, path } = await databaseIn();
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), root ? 0o644 : 0o444);
    chownSync(dir, serviceUser.uid, serviceUser.gid);
    await expect(start(path)).rejects.toThrow(mayNotWrite(path));
  });

  it('refuses to start where it may not create the file, saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-only-sqlite-'));
    dirs.push(dir);
    chmodSync(dir, root ? 0o755 : 0o555);
    const path = join(dir, 'content.sqlite');
    await expect(start(path)).rejects.toThrow(
      new RegExp(
        `Cannot use the SQLite database ${path}: the file cannot be opened or created \\(does its folder exist, and may this process \\(uid \\d+\\) write there\\?\\)`,
      ),
    );
  });
});
