/**
 * How long a failed delivery waits before its next attempt: exponential backoff with full jitter,
 * a random time between 0 and min(cap, base × 2^(attempts − 1)). The jitter spreads out the retries
 * of the many deliveries a receiver's outage left pending, which would otherwise all come back at
 * the same moment and knock it over again.
 */
export function retryDelayMs(
  attempts: number,
  { retryBaseMs, retryCapMs }: { retryBaseMs: number; retryCapMs: number },
  random: () => number = Math.random,
): number {
  // 2^31 is past any cap; the exponent is bounded so that the product stays a finite number.
  const ceiling = Math.min(retryCapMs, retryBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 31));
  return Math.floor(random() * ceiling);
}
