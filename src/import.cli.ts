import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { config } from './config';
import { createDataSource } from './data-source';
import { migrate } from './db/migrate';
import { closeWriter, Writes } from './db/transaction';
import { formatOfFile, importDocument, ImportReport } from './importer/import';
import { recordEdits } from './syndication/change-log';

const USAGE = `Usage: npm run import -- <file|folder>… [--publish] [--published-at <ISO 8601 time>]
  .txt pages, .html/.htm pages and .json ninjs documents; a folder is read for those (not *.expected.json).
  Articles are drafts unless --publish. Each document is one transaction.
  --published-at: when they were first published, for pages that do not say (else the page's time, else now).`;

/** Files to import, in a stable order: a folder gives its pages, sorted by name. */
function documents(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => /\.(txt|html?|json)$/i.test(name) && !name.endsWith('.expected.json'))
      .sort()
      .map((name) => join(path, name));
  });
}

/**
 * `npm run import`: imports pages into the configured database through the same code as the
 * importArticle mutation, and the same journal, so imports reach the change feed. A failing
 * document is named with its reason and the others still go in; the exit code says whether any failed.
 */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { publish: { type: 'boolean' }, 'published-at': { type: 'string' } },
  });
  if (!positionals.length) throw new UsageError('Name at least one file or folder.');
  const publishedAt = values['published-at'] === undefined ? null : new Date(values['published-at']);
  if (publishedAt && Number.isNaN(publishedAt.getTime())) {
    throw new UsageError(
      `--published-at "${values['published-at']}" is not a time; give one such as 2022-01-10T08:00:00Z.`,
    );
  }
  const files = documents(positionals);
  const dataSource = createDataSource(config.database);
  let failed = 0;
  try {
    await migrate(dataSource);
    const writes = new Writes(dataSource, recordEdits);
    for (const file of files) {
      try {
        const report = await importDocument(writes, {
          document: readFileSync(file, 'utf8'),
          format: formatOfFile(file),
          publish: values.publish ?? false,
          publishedAt,
          mediaBaseUrl: config.publicSiteUrl,
        });
        print(describe(file, report));
      } catch (error) {
        failed += 1;
        print(`${file}: FAILED, nothing written: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await closeWriter(dataSource);
    if (dataSource.isInitialized) await dataSource.destroy();
  }
  print(`${files.length - failed} imported, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

function describe(file: string, report: ImportReport): string {
  const { article } = report;
  const lines = [
    `${file}: ${report.action} "${article.title}" (${article.slug}, ${article.status}, ${report.language})`,
  ];
  for (const entry of report.created)
    lines.push(`  created   ${entry.type} ${entry.name}${entry.note ? ` — ${entry.note}` : ''}`);
  for (const entry of report.linked)
    lines.push(`  linked    ${entry.type} ${entry.name}${entry.note ? ` — ${entry.note}` : ''}`);
  for (const issue of report.unresolved) lines.push(`  unresolved ${issue.kind} "${issue.text}": ${issue.reason}`);
  for (const flag of report.flagged) lines.push(`  flagged   ${flag}`);
  lines.push(`  left out  ${report.boilerplateLines} line(s) of site chrome`);
  return lines.join('\n');
}

class UsageError extends Error {}

const print = (line: string) => process.stdout.write(`${line}\n`);

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
