import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

describeSqlite('a SQLite database file the content service may not write', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-only-sqlite-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the service at start with a message that says which file and what to do', async () => {
    const path = join(dir, 'content.sqlite');
    const dataSource = createDataSource({ ...config.database, sqlitePath: path });
    await migrate(dataSource);
    await seedSampleIfEmpty(dataSource, 'https://news.example.org');
    await dataSource.destroy();

    // Read-only as an operator meets it: a file (and folder) the service's user may read, not write.
    const root = process.getuid?.() === 0;
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), root ? 0o644 : 0o444);
    chmodSync(dir, root ? 0o755 : 0o555);
    try {
      await expect(
        startStackProcess({ SERVICES: 'content', SQLITE_PATH: path }, root ? NOBODY : undefined),
      ).rejects.toThrow(
        new RegExp(
          `Cannot use the SQLite database ${path}: this process \\(uid \\d+\\) may not write it: make the file and its folder writable`,
        ),
      );
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
