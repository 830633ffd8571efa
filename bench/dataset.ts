import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys';
import { DatabaseConfig } from '../src/config';
import { createDataSource } from '../src/data-source';
import { migrate } from '../src/db/migrate';
import { insertGeneratedContent } from '../src/seed/generated-content';
import { GENERATOR_VERSION } from '../src/seed/generated-words';
import { BenchOptions, databaseEnv } from './options';

const MARK = 'bench dataset';

/**
 * Makes sure the benchmark's database holds exactly the generated data set for these options and is
 * migrated. A database made earlier for the same options is reused: the fingerprint of the options
 * is kept beside it (a PostgreSQL database comment, a file next to the SQLite file).
 */
export async function prepareDataset(options: BenchOptions): Promise<Record<string, string>> {
  const fingerprint = `${MARK} ${GENERATOR_VERSION} ${JSON.stringify(options.dataset)}`;
  const env = databaseEnv(options);
  const fresh =
    options.database === 'postgres'
      ? await preparePostgres(options.postgresUrl, fingerprint)
      : prepareSqlite(options.sqlitePath, fingerprint);

  const dataSource = createDataSource(databaseConfig(options));
  try {
    await migrate(dataSource);
    if (!fresh) {
      console.log(`data set: reusing ${describe(options)}`);
      return env;
    }
    const started = Date.now();
    const made = await insertGeneratedContent(dataSource, options.dataset);
    if (options.database === 'postgres') await dataSource.query('ANALYZE');
    console.log(
      `data set: generated ${made.articleIds.length} articles, ${made.sourceIds.length} sources, ` +
        `${made.regionIds.flat().length} regions, ${made.photoCount} photos in ${describe(options)} ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
  if (options.database === 'postgres') await commentOn(options.postgresUrl, fingerprint);
  else writeFileSync(`${options.sqlitePath}.fingerprint`, fingerprint);
  return env;
}

/**
 * An analyst's API key for this run, as `npm run apikey -- create` makes one, revoked by `revoke`:
 * what the aggregates are sent with (Operation.analyst).
 */
export async function analystKey(options: BenchOptions): Promise<{ authorization: string; revoke(): Promise<void> }> {
  const withDataSource = async <T>(fn: (dataSource: ReturnType<typeof createDataSource>) => Promise<T>) => {
    const dataSource = createDataSource(databaseConfig(options));
    await dataSource.initialize();
    try {
      return await fn(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };
  const { key, record } = await withDataSource((dataSource) =>
    createApiKey(dataSource, { role: 'analyst', name: `bench ${new Date().toISOString()}` }),
  );
  return {
    authorization: `Bearer ${key}`,
    revoke: async () => void (await withDataSource((dataSource) => revokeApiKey(dataSource, record.id))),
  };
}

function databaseConfig(options: BenchOptions): DatabaseConfig {
  return {
    kind: options.database,
    url: options.postgresUrl,
    sqlitePath: options.sqlitePath,
    poolSize: 4,
    connectTimeoutMs: 10_000,
    statementTimeoutMs: 600_000,
    replicaUrls: [],
  };
}

function describe(options: BenchOptions): string {
  return options.database === 'postgres' ? options.postgresUrl : options.sqlitePath;
}

/** True when the file had to be (re)made. */
function prepareSqlite(path: string, fingerprint: string): boolean {
  const marker = `${path}.fingerprint`;
  if (existsSync(path) && existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint) return false;
  for (const file of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(file, { force: true });
  return true;
}

/** True when the database had to be (re)made; refuses to drop a database the benchmark did not make. */
async function preparePostgres(url: string, fingerprint: string): Promise<boolean> {
  const name = databaseName(url);
  return withMaintenanceClient(url, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows.length) {
      const comment = rows[0].comment ?? '';
      if (comment === fingerprint) return false;
      if (!comment.startsWith(MARK)) {
        throw new Error(`${name} exists and was not made by the benchmark; drop it or set BENCH_DATABASE_URL`);
      }
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${name}`);
    // Marked before it is filled, so an interrupted run leaves a database the next run may drop.
    await client.query(`COMMENT ON DATABASE ${name} IS '${MARK} (incomplete)'`);
    return true;
  });
}

async function commentOn(url: string, fingerprint: string): Promise<void> {
  await withMaintenanceClient(url, (client) =>
    client.query(`COMMENT ON DATABASE ${databaseName(url)} IS '${fingerprint.replace(/'/g, "''")}'`),
  );
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`benchmark database name must be a plain identifier: ${name}`);
  return name;
}

async function withMaintenanceClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
