import type { SubgraphEntry } from './subgraph-list';

/** A readiness answer is reused this long: a load balancer probing every second costs one check a second. */
const FRESH_FOR_MS = 1_000;
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Which required subgraphs do not say they are ready (their `/health/ready`, or the entry's own
 * health URL). Probes arriving together share one round of checks.
 */
export function subgraphReadiness(subgraphs: readonly SubgraphEntry[]): () => Promise<string[]> {
  const required = subgraphs.filter((entry) => entry.required !== false);
  let last: { at: number; answer: Promise<string[]> } | undefined;
  const check = async () => {
    const ready = await Promise.all(
      required.map(async (entry) => {
        try {
          const response = await fetch(entry.healthUrl ?? new URL('/health/ready', entry.url), {
            signal: AbortSignal.timeout(Math.min(CHECK_TIMEOUT_MS, entry.timeoutMs)),
          });
          await response.body?.cancel();
          return response.ok;
        } catch {
          return false;
        }
      }),
    );
    return required.filter((_, index) => !ready[index]).map((entry) => entry.name);
  };
  return () => {
    if (!last || Date.now() - last.at > FRESH_FOR_MS) last = { at: Date.now(), answer: check() };
    return last.answer;
  };
}
