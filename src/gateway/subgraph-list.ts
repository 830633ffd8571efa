import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GatewayConfig } from '../config';

/** One subgraph the gateway routes to. */
export interface SubgraphEntry {
  /** Also the name in the supergraph and in error messages (`subgraph "engagement" is unavailable`). */
  readonly name: string;
  readonly url: string;
  /** The checked-in SDL `npm run compose` reads; absolute. */
  readonly sdlPath?: string;
  readonly timeoutMs: number;
  /**
   * The gateway is ready only while every required subgraph is (default true). An optional one
   * that is down costs its own fields (SUBGRAPH_UNAVAILABLE), not the gateway's readiness.
   */
  readonly required?: boolean;
  /** Its readiness; by default `/health/ready` beside its GraphQL URL. */
  readonly healthUrl?: string;
}

/**
 * Reads the subgraphs file (subgraphs.json) and applies the `<NAME>_SUBGRAPH_URL` overrides from
 * the environment, so one committed list serves a laptop and a container network alike. Every
 * problem is named at once, with the file it is in.
 */
export function loadSubgraphList(
  config: Pick<GatewayConfig, 'subgraphsFile' | 'subgraphUrls' | 'subgraphTimeoutMs'>,
): SubgraphEntry[] {
  const file = resolve(config.subgraphsFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the subgraph list ${file}: ${(error as Error).message}`);
  }
  const items = (parsed as { subgraphs?: unknown } | null)?.subgraphs;
  if (!Array.isArray(items) || items.length === 0) {
    throw new Error(`${file} must hold { "subgraphs": [{ "name", "url", "sdl"?, "timeoutMs"? }, …] }`);
  }

  const problems: string[] = [];
  const entries = items.map((item: Record<string, unknown>, index): SubgraphEntry => {
    const at = `subgraphs[${index}]`;
    const name = typeof item?.name === 'string' ? item.name : '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`${at}.name must be lower case letters, digits or _`);
    const url = config.subgraphUrls[name] ?? item?.url;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) problems.push(`${at}.url must be an http(s) URL`);
    if (item?.sdl !== undefined && typeof item.sdl !== 'string') problems.push(`${at}.sdl must be a file path`);
    if (item?.required !== undefined && typeof item.required !== 'boolean')
      problems.push(`${at}.required must be a boolean`);
    if (
      item?.healthUrl !== undefined &&
      (typeof item.healthUrl !== 'string' || !/^https?:\/\/\S+$/.test(item.healthUrl))
    ) {
      problems.push(`${at}.healthUrl must be an http(s) URL`);
    }
    const timeoutMs = item?.timeoutMs ?? config.subgraphTimeoutMs;
    if (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 100) {
      problems.push(`${at}.timeoutMs must be an integer of at least 100`);
    }
    return {
      name,
      url: url as string,
      sdlPath: typeof item?.sdl === 'string' ? resolve(dirname(file), item.sdl) : undefined,
      timeoutMs: timeoutMs as number,
      required: item?.required !== false,
      healthUrl: typeof item?.healthUrl === 'string' ? item.healthUrl : undefined,
    };
  });
  const names = entries.map((entry) => entry.name);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length) problems.push(`subgraph names must be unique; listed twice: ${twice.join(', ')}`);
  const unknown = Object.keys(config.subgraphUrls).filter((name) => !names.includes(name));
  if (unknown.length) problems.push(`*_SUBGRAPH_URL set for subgraphs not in the list: ${unknown.join(', ')}`);
  if (problems.length) throw new Error(`Invalid subgraph list ${file}:\n  - ${problems.join('\n  - ')}`);
  return entries;
}
