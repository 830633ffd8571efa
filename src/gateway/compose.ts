import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { GraphQLError, parse } from 'graphql';
import type { SubgraphEntry } from './subgraph-list';
import { signatureHeaders } from './subgraph-signing.plugin';

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

/** Composition refused the subgraphs; `message` lists every reason as `[CODE] message`. */
export class CompositionError extends Error {
  constructor(readonly reasons: string[]) {
    super(`Composition failed (${reasons.length} error${reasons.length === 1 ? '' : 's'}):\n  ${reasons.join('\n  ')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes subgraph SDLs into a supergraph SDL with the same composer the gateway's own tooling
 * uses, so what composes here is what Hive Gateway plans against.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const services = subgraphs.map(({ name, url, sdl }) => {
    try {
      return { name, url, typeDefs: parse(sdl) };
    } catch (error) {
      throw new CompositionError([`[INVALID_GRAPHQL] subgraph "${name}": ${(error as Error).message}`]);
    }
  });
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((error: GraphQLError) => `[${error.extensions?.code}] ${error.message}`),
    );
  }
  return result.supergraphSdl;
}

/** The checked-in SDL files the list names (subgraphs.json `sdl`): reproducible, reviewed in pull requests. */
export function readSubgraphSdls(list: readonly SubgraphEntry[]): SubgraphSdl[] {
  return list.map(({ name, url, sdlPath }) => {
    if (!sdlPath) throw new Error(`subgraph "${name}" has no "sdl" file in the subgraph list`);
    return { name, url, sdl: readFileSync(sdlPath, 'utf8') };
  });
}

/** Each running subgraph's own `_service { sdl }`: what it serves right now. */
export function fetchSubgraphSdls(
  list: readonly SubgraphEntry[],
  /** SUBGRAPH_SECRET, when the subgraphs answer only signed requests. */
  subgraphSecret?: string,
): Promise<SubgraphSdl[]> {
  const request = JSON.stringify({ query: '{ _service { sdl } }' });
  return Promise.all(
    list.map(async ({ name, url, timeoutMs }) => {
      let response: Response;
      let body: { data?: { _service?: { sdl?: string } }; errors?: { message?: string }[] };
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signatureHeaders(subgraphSecret, request) },
          body: request,
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw new Error(
          `subgraph "${name}" at ${url} did not answer _service { sdl }: ${(error as Error).message} ` +
            '(start the subgraphs before the gateway, or run the checked-in supergraph: GATEWAY_SUPERGRAPH=file)',
        );
      }
      // A closed subgraph's refusal (no or another SUBGRAPH_SECRET) says so, rather than "not a subgraph".
      if (!response.ok) {
        const reason = body.errors?.[0]?.message ?? 'no reason given';
        throw new Error(`subgraph "${name}" at ${url} refused _service { sdl } (HTTP ${response.status}): ${reason}`);
      }
      const sdl = body.data?._service?.sdl;
      if (!sdl) throw new Error(`subgraph "${name}" at ${url} is not a federation subgraph (no _service { sdl })`);
      return { name, url, sdl };
    }),
  );
}
