import 'reflect-metadata';
import { cpus } from 'node:os';
import { Operation, operations, requestBodies, Sample } from './operations';
import { BenchOptions, DatabaseEnv, databaseEnv, parseOptions } from './options';
import { machineBusySeconds, postgresBackendSeconds, ServerProcess } from './processes';
import { BenchResults, printSummary, Row, StatementCheck, writeResults } from './report';
import { CACHED_OPERATIONS, cacheCounts, hitRatio, missCost } from './response-cache';
import { RAW_OPERATIONS, startStack, TARGETS } from './stack';
import { countStatements, isInvariant, sameAnswer } from './statements';
import { assertWrkInstalled, runWrk } from './wrk';

/**
 * `npm run bench`: builds (or reuses) the data set, counts the SQL statements of every operation at
 * page sizes 1, 20 and 100, then loads each operation on each target with wrk and writes the table.
 * Exits non-zero only when a statement count grows with the page size; timings never fail it.
 */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  await assertWrkInstalled();
  // src/ reads the kind of database from the environment when its modules load (column types
  // differ), so the generator is loaded only once the environment names the benchmark's database.
  Object.assign(process.env, databaseEnv(options));
  const { analystKey, prepareDataset } = await import('./dataset');
  const database = await prepareDataset(options);
  const selected = operations.filter((operation) => !options.only.length || options.only.includes(operation.key));
  const analyst = await analystKey(options);
  const authorizationOf = (operation: Operation) => (operation.analyst ? analyst.authorization : undefined);

  let passes;
  try {
    const { sample, statements } = await countingPass(options, database, selected, authorizationOf);
    passes = { statements, ...(await loadPass(options, database, selected, sample, statements, authorizationOf)) };
  } finally {
    await analyst.revoke();
  }
  const { statements, rows, processes } = passes;
  const results: BenchResults = {
    date: new Date().toISOString(),
    database: options.database,
    dataset: options.dataset,
    settings: {
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      bodies: options.bodies,
      quick: options.quick,
    },
    machine: { cpus: cpus().length, node: options.serverNode.version, runner: process.version },
    statements,
    rows,
    processes,
  };
  const files = writeResults(options.resultsDir, results);
  printSummary(results);
  console.log(`\nwrote ${files.join(' and ')}`);

  const growing = statements.filter((check) => !check.invariant);
  for (const check of growing) console.error(`FAIL: ${check.operation} runs more statements for larger pages`);
  return growing.length ? 1 : 0;
}

/** A stack with QUERY_STATS on, so counting costs nothing in the servers that are loaded. */
/** The Authorization header an operation is sent with, if any. */
type AuthorizationOf = (operation: Operation) => string | undefined;

async function countingPass(
  options: BenchOptions,
  database: DatabaseEnv,
  selected: Operation[],
  authorizationOf: AuthorizationOf,
) {
  const stack = await startStack(options, database, { queryStats: true, raw: false });
  const { subgraph, gateway } = stack.servers;
  const { sample, secret } = stack;
  try {
    const statements: StatementCheck[] = [];
    for (const operation of selected) {
      const authorization = authorizationOf(operation);
      const check: StatementCheck = {
        operation: operation.key,
        subgraph: await countStatements(subgraph!.url, operation, sample, secret, false, authorization),
        nPlusOne: await countStatements(stack.servers['n+1']!.url, operation, sample, secret, false, authorization),
        gateway: gateway
          ? await countStatements(gateway.url, operation, sample, secret, true, authorization)
          : undefined,
        invariant: true,
      };
      check.invariant = isInvariant(check.subgraph) && (!check.gateway || isInvariant(check.gateway));
      statements.push(check);
    }
    return { sample, statements };
  } finally {
    await stack.stop();
  }
}

async function loadPass(
  options: BenchOptions,
  database: DatabaseEnv,
  selected: Operation[],
  sample: Sample,
  statements: StatementCheck[],
  authorizationOf: AuthorizationOf,
) {
  const stack = await startStack(options, database, { queryStats: false, raw: true });
  const { servers, running, secret } = stack;
  const postgres = options.database === 'postgres' ? new URL(options.postgresUrl).pathname.slice(1) : null;
  const rows: Row[] = [];
  try {
    if (servers.raw) {
      for (const operation of selected.filter((operation) => RAW_OPERATIONS.includes(operation.key))) {
        const body = requestBodies(operation, sample, operation.defaultSize)[0];
        await sameAnswer(operation.title, servers.raw.url, servers.subgraph!.url, body, secret);
      }
    }

    for (const operation of selected) {
      const check = statements.find((entry) => entry.operation === operation.key)!;
      for (const target of TARGETS) {
        if (target.key === 'raw' && !RAW_OPERATIONS.includes(operation.key)) continue;
        if (target.key === 'cached' && !CACHED_OPERATIONS.includes(operation.key)) continue;
        const row: Row = { operation: operation.key, target: target.key, size: operation.defaultSize };
        rows.push(row);
        // A cached row's figure is what a miss runs.
        const counts = {
          raw: undefined,
          subgraph: check.subgraph,
          compiled: check.subgraph,
          'n+1': check.nPlusOne,
          gateway: check.gateway,
          cached: check.gateway,
        }[target.key];
        const server = servers[target.key];
        if (!server) {
          row.skipped =
            target.key === 'raw' ? 'PostgreSQL only' : 'not available yet (no gateway built from src/gateway/)';
          continue;
        }
        if (counts && 'unavailable' in counts) {
          row.skipped = counts.unavailable;
          continue;
        }
        // The raw handler is one statement by construction.
        row.statements = counts ? counts.atLoadSize : 1;

        process.stdout.write(`${operation.title} on ${target.title}: `);
        const viaGateway = target.key === 'gateway' || target.key === 'cached';
        const bodies = requestBodies(operation, sample, operation.defaultSize, viaGateway).slice(0, options.bodies);
        const load = { connections: options.connections, secret, authorization: authorizationOf(operation) };
        if (options.warmupSeconds > 0) await runWrk(server.url, bodies, { ...load, seconds: options.warmupSeconds });
        const before = cpuSnapshot(running, postgres);
        const lookups = target.key === 'cached' ? await cacheCounts(server.url) : null;
        row.load = await runWrk(server.url, bodies, { ...load, seconds: options.durationSeconds });
        row.cpu = cpuUse(before, cpuSnapshot(running, postgres), row.load.requests);
        if (lookups) {
          const ratio = hitRatio(lookups, await cacheCounts(server.url));
          row.cache = { hitRatio: ratio, ...(await missCost(server.url, servers.gateway!.url, bodies)) };
        }
        row.peakRssMb = round(server.peakRssMb());
        console.log(`${row.load.requestsPerSecond.toFixed(0)} req/s, p99 ${row.load.p99Ms.toFixed(1)} ms`);
        if (row.load.firstError) console.log(`  failed responses, the first: ${row.load.firstError}`);
      }
    }
    return { rows, processes: running.map((server) => ({ name: server.name, peakRssMb: round(server.peakRssMb()) })) };
  } finally {
    await stack.stop();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

function cpuSnapshot(running: ServerProcess[], database: string | null) {
  return {
    at: Date.now(),
    servers: running.map((server) => server.cpuSeconds()),
    postgres: database ? postgresBackendSeconds(database) : new Map<string, number>(),
    machine: machineBusySeconds(),
  };
}

/** CPU per request in the Node servers (all of them: a gateway row costs gateway and subgraph) and PostgreSQL. */
function cpuUse(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, requests: number) {
  const seconds = (after.at - before.at) / 1000;
  const node = after.servers.reduce((sum, value, i) => sum + value - before.servers[i], 0);
  let postgres = 0;
  for (const [pid, value] of after.postgres) postgres += value - (before.postgres.get(pid) ?? 0);
  const perRequest = (cpuSeconds: number) => round((cpuSeconds * 1000) / Math.max(requests, 1));
  return {
    nodeMsPerRequest: perRequest(node),
    postgresMsPerRequest: perRequest(postgres),
    // wrk itself and anything else that shared the machine meanwhile.
    otherCores: round((after.machine - before.machine - node - postgres) / seconds),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
