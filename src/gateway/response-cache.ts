import { createHash } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { ExecutionResult, getOperationAST } from 'graphql';
import { Counter, Registry } from 'prom-client';
import type { CachingConfig } from '../config';
import type { SharedRedis } from '../redis/redis';
import { fieldMaxAgeSeconds, fieldTtlMs, NO_STORE, publicCacheControl } from './cache-control';
import { memoryResponseStore, redisResponseStore, ResponseStore } from './response-store';

/** The key of a request that may not be looked up (the store is down, or nothing identifies its document). */
const UNCACHED = 'uncached';
/** How GraphQL Yoga's response cache marks an answer it served. */
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

type Outcome = 'hit' | 'miss' | 'unavailable';

/**
 * Cache-Control on every answer, and the response cache for anonymous reads.
 *
 * The cache is GraphQL Yoga's (`@graphql-yoga/plugin-response-cache`, the one Hive Gateway's
 * `responseCaching` option wraps), given a store of ours (response-store.ts) rather than through
 * that option: its wrapper keeps two keys per entity per answer and finds them again by listing keys
 * by prefix, a scan of the whole Redis on every write. Only anonymous requests (no Authorization)
 * are looked up or stored, so an answer made for a key is never served to anyone, and an anonymous
 * one never to a key holder. The key is the document, the operation name, the variables and that
 * viewer class, after the store's generation.
 *
 * Invalidation: a mutation that wrote something (a root field answered non-null) moves the store
 * to its next generation before its answer is returned, whichever instance it went through. Not
 * entity by entity: a published article belongs in lists that do not hold it yet, and answers
 * with no object that has an id (`articles { totalCount }`, `article(slug:)` answered null) are
 * recorded against no entity at all by the library; every cached page shows articles anyway, so
 * per-entity bookkeeping would empty nearly the same answers at the cost of a write per entity.
 */
export function responseCachePlugins(options: {
  caching: CachingConfig;
  redis?: SharedRedis;
  registry: Registry;
}): GatewayPlugin[] {
  const { caching } = options;
  const store: ResponseStore = options.redis
    ? redisResponseStore(options.redis)
    : memoryResponseStore(caching.responseCacheBytes);
  const requests = new Counter({
    name: 'graphql_gateway_response_cache_requests_total',
    help: 'Anonymous queries by what the response cache did: hit, miss, or unavailable (Redis down: answered uncached)',
    labelNames: ['result'],
    registers: [options.registry],
  });
  const anonymous = (request: Request) => !request.headers.has('authorization');
  const outcomes = new WeakMap<Request, Outcome>();

  const headers: GatewayPlugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request: Request }).request;
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation !== 'query') outcomes.delete(request);
      const maxAge =
        operation === 'query' && anonymous(request)
          ? Math.min(caching.maxAgeSeconds, fieldMaxAgeSeconds(args.schema, args.document))
          : 0;
      return {
        async onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          // Every mutation that ran, whatever its answer: one whose later field failed has `data:
          // null` although its earlier fields wrote (an unpublished article stayed cached as published).
          if (operation === 'mutation') await store.flush();
          const value = result.errors?.length
            ? NO_STORE
            : publicCacheControl(maxAge, caching.staleWhileRevalidateSeconds);
          setResult(withHeader(result, 'cache-control', value));
        },
      };
    },
    onResultProcess({ request, result }) {
      if (SERVED_FROM_CACHE in result) outcomes.set(request, 'hit');
      const outcome = outcomes.get(request);
      if (outcome) requests.inc({ result: outcome });
    },
    onResponse({ request, response }) {
      // Refused before execution (a bad key, a limit, a document that does not validate), or not
      // GraphQL at all. A 304 keeps the headers the client stored with the answer.
      if (!response.headers.has('cache-control') && response.status !== 304) {
        response.headers.set('cache-control', NO_STORE);
      }
      // A CDN keyed by URL must not serve an anonymous answer to a request carrying a key.
      if (response.headers.get('cache-control')?.startsWith('public')) response.headers.append('vary', 'authorization');
      const outcome = outcomes.get(request);
      if (outcome) response.headers.set('x-cache', outcome === 'hit' ? 'HIT' : 'MISS');
    },
  };
  if (caching.responseCacheTtlSeconds === 0) return [headers];

  const cache = useResponseCache({
    enabled: anonymous,
    session: () => 'anonymous',
    cache: { ...store, get: (key) => (key === UNCACHED ? null : store.get(key)) },
    ttl: caching.responseCacheTtlSeconds * 1000,
    ttlPerSchemaCoordinate: fieldTtlMs(),
    includeExtensionMetadata: false,
    shouldCacheResult: ({ cacheKey, result }) => cacheKey !== UNCACHED && !result.errors?.length,
    async buildResponseCacheKey({ documentString, operationName, variableValues, request }) {
      // A request that names its document only by a hash has no text to key by here.
      if (!anonymous(request) || !documentString) return UNCACHED;
      const identity = identityOf(documentString, operationName, variableValues);
      if (identity === null) return UNCACHED;
      const generation = await store.generation();
      outcomes.set(request, generation === null ? 'unavailable' : 'miss');
      return generation === null ? UNCACHED : `${generation}:${identity}`;
    },
  });
  // The headers first: their onExecuteDone sets Cache-Control before the cache stores the answer.
  return [headers, cache as GatewayPlugin];
}

/**
 * What an anonymous request's key says besides the generation: a hash of the document, the
 * operation's name and the variables. Null for variables JSON cannot write (nested past the stack):
 * the request goes on uncached, and validation answers it.
 */
function identityOf(document: string, operationName: string | null | undefined, variables: unknown): string | null {
  try {
    const identity = JSON.stringify([document, operationName ?? null, variables ?? {}, 'anonymous']);
    return createHash('sha256').update(identity).digest('base64url');
  } catch {
    return null;
  }
}

function withHeader(result: ExecutionResult, name: string, value: string): ExecutionResult {
  const extensions = result.extensions as { http?: { headers?: Record<string, string> } } | undefined;
  return {
    ...result,
    extensions: {
      ...extensions,
      http: { ...extensions?.http, headers: { ...extensions?.http?.headers, [name]: value } },
    },
  };
}
