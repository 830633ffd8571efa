import { writeFileSync } from 'node:fs';
import { config } from '../config';
import { composeSupergraph, fetchSubgraphSdls, readSubgraphSdls } from './compose';
import { loadSubgraphList } from './subgraph-list';

/**
 * `npm run compose`: composes the subgraphs of subgraphs.json into the supergraph the gateway runs
 * in production (SUPERGRAPH_PATH, schema/supergraph.graphql by default). By default from each
 * subgraph's checked-in SDL file, so the result depends only on the repository; with `--fetch`
 * from the running subgraphs' `_service { sdl }`. Fails with every composition error spelled out.
 */
async function main(): Promise<void> {
  const list = loadSubgraphList(config.gateway);
  const fetch = process.argv.includes('--fetch');
  const sdls = fetch ? await fetchSubgraphSdls(list, config.subgraphSecret) : readSubgraphSdls(list);
  const supergraph = composeSupergraph(sdls);
  writeFileSync(config.gateway.supergraphPath, supergraph.endsWith('\n') ? supergraph : `${supergraph}\n`);
  const names = list.map((entry) => entry.name).join(', ');
  process.stdout.write(
    `composed ${names} (${fetch ? 'from the running subgraphs' : 'from the SDL files'}) into ${config.gateway.supergraphPath}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
