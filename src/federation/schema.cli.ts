import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printRepoSubgraphs } from './subgraph-sdl';

/** `npm run schema`: writes each subgraph's SDL, as its `_service { sdl }` answers, under schema/. */
async function main(): Promise<void> {
  for (const { file, sdl } of await printRepoSubgraphs()) {
    writeFileSync(file, sdl);
    process.stdout.write(`wrote ${file}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
