import 'reflect-metadata';
import { cpus } from 'node:os';
import { Operation, operations, requestBodies, Sample } from './operations';
import { BenchOptions, DatabaseEnv, databaseEnv, parseOptions } from './options';
import { machineCpu, ServerProcess } from './processes';
import { BenchResults, printSummary, Row, StatementCheck, writeResults } from './report';
import { startContent, startGateway, startRaw, TargetKey, TARGETS } from './stack';
import { collectSample, countStatements, isInvariant, sameAnswer } from './statements';
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
  const { prepareDataset } = await import('./dataset');
  const database = await prepareDataset(options);
  const selected = operations.filter((operation) => !options.only.length || options.only.includes(operation.key));

  const { sample, statements } = await countingPass(options, database, selected);
  const { rows, processes } = await loadPass(options, database, selected, sample, statements);
  const results: BenchResults = {
    date: new Date().toISOString(),
    database: options.database,
    dataset: options.dataset,
    settings: {
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      quick: options.quick,
    },
    machine: { cpus: cpus().length, node: process.version },
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

/** Separate servers with QUERY_STATS on, so counting costs nothing in the servers that are loaded. */
async function countingPass(options: BenchOptions, database: DatabaseEnv, selected: Operation[]) {
  const batched = await startContent(options, database, 'subgraph-counting', { batching: true, queryStats: true });
  const unbatched = await startContent(options, database, 'n+1-counting', { batching: false, queryStats: true });
  try {
    const sample = await collectSample(batched.url);
    const statements: StatementCheck[] = [];
    for (const operation of selected) {
      const subgraph = await countStatements(batched.url, operation, sample);
      const nPlusOne = await countStatements(unbatched.url, operation, sample);
      statements.push({ operation: operation.key, subgraph, nPlusOne, invariant: isInvariant(subgraph) });
    }
    return { sample, statements };
  } finally {
    await Promise.all([batched.stop(), unbatched.stop()]);
  }
}

async function loadPass(
  options: BenchOptions,
  database: DatabaseEnv,
  selected: Operation[],
  sample: Sample,
  statements: StatementCheck[],
) {
  const subgraph = await startContent(options, database, 'subgraph', { batching: true, queryStats: false });
  const servers: Record<TargetKey, ServerProcess | null> = {
    subgraph,
    'n+1': await startContent(options, database, 'n+1', { batching: false, queryStats: false }),
    raw: await startRaw(options),
    gateway: await startGateway(options, subgraph),
  };
  const running = Object.values(servers).filter((server): server is ServerProcess => server !== null);
  const rows: Row[] = [];
  try {
    const frontPage = operations.find((operation) => operation.key === 'front-page')!;
    if (servers.raw) await sameAnswer(servers.raw.url, subgraph.url, requestBodies(frontPage, sample, 20)[0]);

    for (const operation of selected) {
      const check = statements.find((entry) => entry.operation === operation.key)!;
      for (const target of TARGETS) {
        if (target.key === 'raw' && operation.key !== 'front-page') continue;
        const row: Row = { operation: operation.key, target: target.key, size: operation.defaultSize };
        rows.push(row);
        const counts = target.key === 'n+1' ? check.nPlusOne : check.subgraph;
        const server = servers[target.key];
        if ('unavailable' in counts) row.skipped = counts.unavailable;
        else if (!server) {
          row.skipped =
            target.key === 'raw' ? 'PostgreSQL only' : 'not available yet (no gateway built from src/gateway/)';
        }
        if (row.skipped || !server) continue;
        // The raw handler is one statement by construction; the gateway adds none of its own.
        row.statements = target.key === 'raw' ? 1 : (counts as { atLoadSize: number }).atLoadSize;

        process.stdout.write(`${operation.title} on ${target.title}: `);
        const bodies = requestBodies(operation, sample, operation.defaultSize);
        const load = { connections: options.connections };
        if (options.warmupSeconds > 0) await runWrk(server.url, bodies, { ...load, seconds: options.warmupSeconds });
        const before = cpuSnapshot(running);
        row.load = await runWrk(server.url, bodies, { ...load, seconds: options.durationSeconds });
        row.cpu = cpuUse(before, cpuSnapshot(running), row.load.requests);
        row.peakRssMb = round(server.peakRssMb());
        console.log(`${row.load.requestsPerSecond.toFixed(0)} req/s, p99 ${row.load.p99Ms.toFixed(1)} ms`);
      }
    }
    return { rows, processes: running.map((server) => ({ name: server.name, peakRssMb: round(server.peakRssMb()) })) };
  } finally {
    await Promise.all(running.map((server) => server.stop()));
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

function cpuSnapshot(running: ServerProcess[]) {
  return { at: Date.now(), servers: running.map((server) => server.cpuSeconds()), machine: machineCpu() };
}

/** CPU per request in the Node servers (all of them: a gateway row costs gateway and subgraph) and PostgreSQL. */
function cpuUse(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, requests: number) {
  const seconds = (after.at - before.at) / 1000;
  const node = after.servers.reduce((sum, value, i) => sum + value - before.servers[i], 0);
  const postgres = after.machine.postgres - before.machine.postgres;
  const perRequest = (cpuSeconds: number) => round((cpuSeconds * 1000) / Math.max(requests, 1));
  return {
    nodeMsPerRequest: perRequest(node),
    postgresMsPerRequest: perRequest(postgres),
    // wrk itself and anything else that shared the machine meanwhile.
    otherCores: round((after.machine.busy - before.machine.busy - node - postgres) / seconds),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
