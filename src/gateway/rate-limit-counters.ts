import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimits } from '../config';
import type { SharedRedis } from '../redis/redis';
import type { Role } from '../viewer';

/** A charge refused: the caller is over its limit until `retryAfterSeconds` have passed. */
export interface OverLimit {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly retryAfterSeconds: number;
}

/**
 * Points spent per caller and window, one counter per caller (an API key's hash, an anonymous
 * client's address) with its role's limit: rate-limiter-flexible's fixed windows, in Redis when the
 * gateway has it (one count for every instance), in this process's memory otherwise.
 *
 * Redis going away must not fail requests: while it is unreachable (or a command fails) the charge
 * is counted in memory, per instance, so a caller may spend its limit once per instance during an
 * outage. Written here rather than with the library's `insuranceLimiter`, which falls back silently:
 * the fallback is logged once per outage and counted in metrics, and counting is shared again with
 * the first charge Redis takes.
 */
export class RateLimitCounters {
  private readonly memory = new Map<Role, RateLimiterAbstract>();
  private readonly shared = new Map<Role, RateLimiterAbstract>();
  private readonly refused: Counter<'role'>;
  private readonly inMemory: Counter;
  private countingInMemory = false;

  constructor(
    private readonly limits: RateLimits,
    private readonly redis: SharedRedis | undefined,
    registry: Registry,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
  ) {
    for (const [role, points] of Object.entries(limits.points) as [Role, number][]) {
      if (points === 0) continue;
      const options = { points, duration: limits.windowSeconds, keyPrefix: `rate-limit:${role}` };
      this.memory.set(role, new RateLimiterMemory(options));
      if (redis) this.shared.set(role, new RateLimiterRedis({ ...options, storeClient: redis.client }));
    }
    this.refused = new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused with RATE_LIMITED (HTTP 429), by the role of the caller (anonymous: per address)',
      labelNames: ['role'],
      registers: [registry],
    });
    this.inMemory = new Counter({
      name: 'gateway_rate_limit_memory_fallback_total',
      help: 'Requests counted in this instance only, as Redis could not be reached (REDIS_URL set)',
      registers: [registry],
    });
  }

  /** Spends `points` of `caller`'s window; null when within its role's limit (or the role has none). */
  async charge(role: Role, caller: string, points: number): Promise<OverLimit | null> {
    const memory = this.memory.get(role);
    if (!memory) return null;
    try {
      await this.consume(role, caller, points, memory);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      this.refused.inc({ role });
      return {
        limit: this.limits.points[role],
        windowSeconds: this.limits.windowSeconds,
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      };
    }
  }

  /** Throws the library's RateLimiterRes when over the limit. */
  private async consume(role: Role, caller: string, points: number, memory: RateLimiterAbstract): Promise<void> {
    const shared = this.shared.get(role);
    if (shared && this.redis?.ready) {
      try {
        await shared.consume(caller, points);
        this.sharedAgain();
        return;
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          this.sharedAgain();
          throw error;
        }
        this.fellBack(error);
      }
    } else if (shared) this.fellBack();
    await memory.consume(caller, points);
  }

  private sharedAgain(): void {
    if (!this.countingInMemory) return;
    this.countingInMemory = false;
    this.log.info('rate limits counted in Redis again, shared by every instance');
  }

  private fellBack(error?: unknown): void {
    this.inMemory.inc();
    if (this.countingInMemory) return;
    this.countingInMemory = true;
    this.log.warn(
      { reason: error instanceof Error ? error.message : 'not connected' },
      'redis unreachable: rate limits counted in memory, per instance, until it answers',
    );
  }
}
