import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TestDatabase } from './support/database';
import { FIXTURES } from './support/importer';
import { startTestServer, TestServer } from './support/server';

/** `npm run import` as an operator runs it, against a database of this test project's kind. */
const run = promisify(execFile);

async function importCli(database: TestDatabase, args: string[]): Promise<{ code: number; stdout: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: database.config.kind === 'postgres' ? database.config.url! : '',
    SQLITE_PATH: database.config.sqlitePath,
    SEED_SAMPLE: 'false',
  };
  return run(process.execPath, ['-r', '@swc-node/register', 'src/import.cli.ts', ...args], { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

let folder: string;
let server: TestServer;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'import-cli-'));
  copyFileSync(join(FIXTURES, 'kazakhstan-unrest-2022.txt'), join(folder, 'a-kazakhstan.txt'));
  copyFileSync(join(FIXTURES, 'georgia-protests-2023.html'), join(folder, 'b-georgia.html'));
  writeFileSync(join(folder, 'c-broken.json'), '{ "headline": "Cut off');
  server = await startTestServer({ sample: false, database: await createTestDatabase() });
});
afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

it('imports a folder, names the document that failed and why, and exits non-zero', async () => {
  const { code, stdout } = await importCli(server.database, [folder, '--publish']);
  expect(code).toBe(1);
  expect(stdout).toContain('a-kazakhstan.txt: CREATED "What’s happening in Kazakhstan?"');
  expect(stdout).toContain('b-georgia.html: CREATED');
  expect(stdout).toMatch(/c-broken\.json: FAILED, nothing written: The document is not JSON/);
  expect(stdout).toContain('2 imported, 1 failed');
  const { data } = await server.query('{ articles { edges { node { slug status photos { id } } } } }');
  expect(data!.articles.edges.map((e: any) => [e.node.slug, e.node.status, e.node.photos.length]).sort()).toEqual([
    ['georgias-foreign-agents-bill-brings-thousands-to-the-streets', 'PUBLISHED', 2],
    ['whats-happening-in-kazakhstan', 'PUBLISHED', 4],
  ]);
});

it('changes nothing when the same pages are imported again', async () => {
  const { code, stdout } = await importCli(server.database, [
    join(folder, 'a-kazakhstan.txt'),
    join(folder, 'b-georgia.html'),
  ]);
  expect(code).toBe(0);
  expect(stdout.match(/: UNCHANGED /g)).toHaveLength(2);
  expect(stdout).not.toContain('created ');
});

it('dates pages that give no publication time as told, and refuses a time it cannot read', async () => {
  const page = join(FIXTURES, 'moldova-criza-energetica-2022.txt');
  const refused = await importCli(server.database, [page, '--publish', '--published-at', 'last Monday']);
  expect(refused.code).toBe(1);
  const { code } = await importCli(server.database, [page, '--publish', '--published-at', '2022-10-03T09:00:00+03:00']);
  expect(code).toBe(0);
  const { data } = await server.query('{ articles(filter: { language: "ro" }) { edges { node { publishedAt } } } }');
  expect(data!.articles.edges).toEqual([{ node: { publishedAt: '2022-10-03T06:00:00.000Z' } }]);
});
