import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { API_KEY_ROLES } from './auth/api-key.entity';
import { createApiKey, listApiKeys, revokeApiKey } from './auth/api-keys';
import { config } from './config';
import { createDataSource } from './data-source';
import { migrate } from './db/migrate';

const USAGE = `Usage:
  npm run apikey -- create --role <${API_KEY_ROLES.join('|')}> --name "<who holds it>" [--safelist-only]
  npm run apikey -- revoke <id>
  npm run apikey -- list`;

/**
 * `npm run apikey`: API keys on the configured database. The key is printed once, by `create`;
 * only its hash is stored, so a lost key is revoked and replaced, never recovered.
 */
async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'safelist-only': { type: 'boolean' } },
  });
  const [command, argument] = positionals;
  if (!['create', 'revoke', 'list'].includes(command)) throw new UsageError(`Unknown command "${command ?? ''}".`);

  const dataSource = createDataSource(config.database);
  try {
    await migrate(dataSource);
    if (command === 'create') {
      if (!values.role || !values.name) throw new UsageError('create needs --role and --name.');
      const { key, record } = await createApiKey(dataSource, {
        role: values.role,
        name: values.name,
        safelistOnly: values['safelist-only'],
      });
      const scope = record.safelistOnly ? ', safelisted operations only' : '';
      print(`Created API key ${record.id} (${record.role}${scope}, "${record.name}"):`);
      print(`  ${key}`);
      print('Store it now: it is not kept and cannot be shown again. Send it as "Authorization: Bearer <key>".');
    } else if (command === 'revoke') {
      const id = Number(argument);
      if (!Number.isInteger(id) || id < 1) throw new UsageError('revoke needs the key id shown by list.');
      const record = await revokeApiKey(dataSource, id);
      if (!record) throw new Error(`There is no API key ${id}; see npm run apikey -- list.`);
      print(`Revoked API key ${record.id} (${record.role}, "${record.name}") at ${record.revokedAt!.toISOString()}.`);
    } else {
      const keys = await listApiKeys(dataSource);
      if (keys.length === 0) print('No API keys yet.');
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        const scope = key.safelistOnly ? 'safelist only' : 'any operation';
        print(`${key.id}\t${key.role}\t${key.keyHint}…\t${state}\t${scope}\t${key.name}`);
      }
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

class UsageError extends Error {}

const print = (line: string) => process.stdout.write(`${line}\n`);

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${USAGE}\n`);
  }
  process.exitCode = 1;
});
