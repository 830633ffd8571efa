import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import proxyaddr from 'proxy-addr';
import type { RateLimits } from '../config';
import type { SharedRedis } from '../redis/redis';
import type { PresentedKey } from './api-key.plugin';
import type { OperationCost } from './operation-cost';
import { OverLimit, RateLimitCounters } from './rate-limit-counters';

export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Rate limits by operation cost: each operation, once it has parsed and validated, spends its cost
 * (as QUERY_MAX_COST counts it) from its caller's points for the window: an API key's own points at
 * its role's limit (the key's role comes with the gateway's key check, api-key.plugin.ts), or, for an
 * anonymous caller, its address's. Over the limit, the operation is not run: HTTP 429 with
 * Retry-After and a RATE_LIMITED error saying when to retry. A batch spends per operation; a
 * request refused before it executes (it does not parse or validate, a bad key) spends nothing.
 */
export function rateLimitPlugin(options: {
  limits: RateLimits;
  /** Where the counts are shared by every instance; this process's memory when absent. */
  redis?: SharedRedis;
  /** An operation's cost with its variables, as QUERY_MAX_COST counts it (operation-cost.ts). */
  costOf: OperationCost;
  /** The key a request presented, once the key check found it valid; undefined: anonymous. */
  keyOf(request: Request): PresentedKey | undefined;
  registry: Registry;
  log: Pick<Logger, 'warn' | 'info'>;
}): GatewayPlugin {
  const counters = new RateLimitCounters(options.limits, options.redis, options.registry, options.log);
  const { trustedProxies } = options.limits;
  // proxy-addr walks from the socket's address back through X-Forwarded-For, trusting this many hops.
  const trusted = (_address: string, hop: number) => hop < trustedProxies;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as { request: Request; req?: IncomingMessage };
      const key = options.keyOf(context.request);
      // Requests the gateway makes of itself (its readiness check) have no connection and are not counted.
      const caller = key ? `key:${key.id}` : context.req ? `ip:${proxyaddr(context.req, trusted)}` : undefined;
      if (!caller) return;
      // Whole points, and at least one: introspection costs nothing by graphql-armor's count.
      const points = Math.max(
        1,
        Math.ceil(options.costOf(args.schema, args.document, args.operationName, args.variableValues ?? undefined)),
      );
      const over = await counters.charge(key?.role ?? 'anonymous', caller, points);
      if (over)
        setResultAndStopExecution({
          errors: [rateLimited(over, points, key ? `this ${key.role} key` : 'your address')],
        });
    },
  };
}

function rateLimited(over: OverLimit, points: number, whose: string): GraphQLError {
  return new GraphQLError(
    `Rate limit reached: ${whose} may spend ${over.limit} points of operation cost per ${over.windowSeconds} s ` +
      `(this operation costs ${points}); retry in ${over.retryAfterSeconds} s.`,
    {
      extensions: {
        code: RATE_LIMITED,
        retryAfterSeconds: over.retryAfterSeconds,
        http: { status: 429, headers: { 'retry-after': String(over.retryAfterSeconds) } },
      },
    },
  );
}
