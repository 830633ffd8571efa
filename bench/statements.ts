import { isDeepStrictEqual } from 'node:util';
import { SIGNATURE_HEADER, signSubgraphRequest } from '../src/server/subgraph-signature';
import { Operation, requestBodies, Sample, SAMPLE_QUERY } from './operations';

export const PAGE_SIZES = [1, 20, 100] as const;

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
  extensions?: { queryStats?: { sqlStatements: number } };
}

/**
 * Signed as the gateway signs its subgraph requests (SUBGRAPH_SECRET `secret`), so a subgraph
 * answers it; the gateway and the raw handler ignore the signature.
 */
export async function post(url: string, body: string, secret: string, authorization?: string): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signSubgraphRequest(secret, body),
      ...(authorization ? { authorization } : {}),
    },
    body,
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResult;
  } catch {
    throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
}

/** Real ids, slugs, cursors and country codes, read through the API itself. */
export async function collectSample(url: string, secret: string): Promise<Sample> {
  const sample: Sample = { slugs: [], cursors: [], countryCodes: [] };
  let after: string | null = null;
  for (let page = 0; page < 10; page += 1) {
    const { data, errors } = await post(url, JSON.stringify({ query: SAMPLE_QUERY, variables: { after } }), secret);
    if (errors || !data) throw new Error(`sample query failed: ${JSON.stringify(errors)}`);
    const { articles, regions } = data as {
      articles: { edges: { cursor: string; node: { slug: string } }[]; pageInfo: { endCursor: string | null } };
      regions: { code: string }[];
    };
    sample.slugs.push(...articles.edges.map((edge) => edge.node.slug));
    sample.cursors.push(...articles.edges.map((edge) => edge.cursor));
    sample.countryCodes = regions.map((region) => region.code);
    after = articles.pageInfo.endCursor;
    if (!after) break;
  }
  return sample;
}

export type Counts = { sizes: Record<number, number>; atLoadSize: number } | { unavailable: string };

/**
 * SQL statements one request of the operation runs, at each page size and at the size the load
 * uses, read from `extensions.queryStats` of a server started with QUERY_STATS=1.
 */
export async function countStatements(
  url: string,
  operation: Operation,
  sample: Sample,
  secret: string,
  viaGateway = false,
  /** The Authorization header the operation is sent with (Operation.analyst). */
  authorization?: string,
): Promise<Counts> {
  const count = async (size: number): Promise<number> => {
    const result = await post(url, requestBodies(operation, sample, size, viaGateway)[0], secret, authorization);
    if (result.errors?.some((error) => /_entities|_Any/.test(error.message))) throw new Unavailable();
    if (result.errors || !result.data) {
      throw new Error(`${operation.key} (first ${size}) failed: ${JSON.stringify(result.errors)}`);
    }
    const statements = result.extensions?.queryStats?.sqlStatements;
    if (statements === undefined) throw new Error(`${url} does not report extensions.queryStats`);
    return statements;
  };
  try {
    const sizes: Record<number, number> = {};
    for (const size of PAGE_SIZES) sizes[size] = await count(size);
    return { sizes, atLoadSize: await count(operation.defaultSize) };
  } catch (error) {
    if (error instanceof Unavailable) return { unavailable: 'not available yet (the schema has no _entities)' };
    throw error;
  }
}

class Unavailable extends Error {}

export function isInvariant(counts: Counts): boolean {
  return 'unavailable' in counts || new Set(Object.values(counts.sizes)).size === 1;
}

/** The raw handler must answer what the service answers, or the comparison means nothing. */
export async function sameAnswer(
  title: string,
  rawUrl: string,
  serviceUrl: string,
  body: string,
  secret: string,
): Promise<void> {
  const [raw, service] = await Promise.all([post(rawUrl, body, secret), post(serviceUrl, body, secret)]);
  const difference = firstDifference(raw.data, service.data, 'data');
  if (difference) throw new Error(`the raw handler's ${title} differs from the service's at ${difference}`);
}

/** Where two JSON values first differ (`data.articles.edges.3.node.title: "a" ≠ "b"`), or null. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  const show = (value: unknown) => JSON.stringify(value)?.slice(0, 200);
  return `${path}: ${show(a)} ≠ ${show(b)}`;
}
