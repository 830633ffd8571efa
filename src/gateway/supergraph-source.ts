import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GatewayConfig } from '../config';
import { serviceLogger } from '../logger';
import { composeSupergraph, fetchSubgraphSdls } from './compose';
import type { SubgraphEntry } from './subgraph-list';

const log = serviceLogger('gateway');

/**
 * Where the gateway's supergraph comes from. `file` (production): the SDL `npm run compose` wrote,
 * so what runs is what was reviewed. `introspect` (development): composed from the running
 * subgraphs, once now so a broken composition stops the start, then again at every poll; a poll
 * that fails keeps the last good supergraph.
 */
export async function supergraphSource(
  config: Pick<GatewayConfig, 'supergraph' | 'supergraphPath'>,
  subgraphs: readonly SubgraphEntry[],
  subgraphSecret?: string,
): Promise<string | (() => Promise<string>)> {
  if (config.supergraph === 'file') {
    const path = resolve(config.supergraphPath);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the supergraph ${path} (${(error as Error).message}); run \`npm run compose\`.`);
    }
  }
  const compose = async () => composeSupergraph(await fetchSubgraphSdls(subgraphs, subgraphSecret));
  let composedAtStart: string | undefined = await compose();
  return async () => {
    if (composedAtStart) {
      const sdl = composedAtStart;
      composedAtStart = undefined;
      return sdl;
    }
    try {
      return await compose();
    } catch (error) {
      log.warn({ reason: (error as Error).message }, 're-composing the supergraph failed; serving the last good one');
      throw error;
    }
  };
}
