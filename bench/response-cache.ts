/**
 * The cached gateway's figures besides wrk's: the hit ratio under the rotating load (from the
 * gateway's own counter) and what a miss costs, against the same request on the uncached gateway.
 */

/** The operations the site sends anonymously, which the cache is for. */
export const CACHED_OPERATIONS = ['front-page', 'article-page', 'region-page'];

export interface CacheFigures {
  /** Hits over lookups during the measured seconds. */
  hitRatio: number;
  /** Median latency of requests the cache has never seen, one at a time, on the cached gateway. */
  missMs: number;
  /** The same requests on the gateway without the cache. */
  uncachedMs: number;
}

/** The gateway's `graphql_gateway_response_cache_requests_total` by result, read from its /metrics. */
export async function cacheCounts(graphqlUrl: string): Promise<{ hit: number; miss: number; unavailable: number }> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const count = (result: string) =>
    Number(
      new RegExp(`^graphql_gateway_response_cache_requests_total\\{[^}]*result="${result}"[^}]*\\} (\\S+)$`, 'm').exec(
        text,
      )?.[1] ?? 0,
    );
  return { hit: count('hit'), miss: count('miss'), unavailable: count('unavailable') };
}

export function hitRatio(before: Awaited<ReturnType<typeof cacheCounts>>, after: typeof before): number {
  const hits = after.hit - before.hit;
  const lookups = hits + after.miss - before.miss + after.unavailable - before.unavailable;
  return lookups === 0 ? 0 : hits / lookups;
}

/**
 * Sends `bodies`, renamed so that the cache has seen none of them (the alias `variant…` becomes
 * `miss…`), one at a time to each gateway, and answers the median latency on each.
 */
export async function missCost(
  cachedUrl: string,
  uncachedUrl: string,
  bodies: string[],
): Promise<Pick<CacheFigures, 'missMs' | 'uncachedMs'>> {
  // The first body has no alias to rename.
  const fresh = bodies.slice(1, 22).map((body, i) => body.replace(/\bvariant(\d*): id/, `miss${i}_$1: id`));
  const median = async (url: string) => {
    const times: number[] = [];
    for (const body of fresh) {
      const start = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await response.text();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  };
  return { missMs: await median(cachedUrl), uncachedMs: await median(uncachedUrl) };
}
