import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { SharedRedis } from '../redis/redis';

/**
 * Where the gateway keeps anonymous answers (response-cache.ts): in Redis when there is one, shared
 * by every gateway instance, else in this process's memory, bounded.
 *
 * Invalidation is by generation: every key starts with the generation current when the request
 * began, read from the store, and a write moves the store to the next one. Every answer stored
 * before the write is then out of reach at once, on every instance, and expires by its TTL. An
 * answer computed from rows read before a write but stored after it lands under the old
 * generation too, where no one looks, so a slow read cannot put a stale answer back.
 */
export interface ResponseStore extends Cache {
  /** The generation to build a request's key with, or null when the store cannot be used now (answer uncached). */
  generation(): Promise<string | null>;
  /** Puts every answer stored so far out of reach. */
  flush(): Promise<void>;
}

const GENERATION_KEY = 'response-cache:generation';
const answerKey = (key: string) => `response-cache:answer:${key}`;

/**
 * Answers as JSON under `response-cache:answer:<key>` with their TTL, and the generation as a
 * counter. While Redis is down every request is answered uncached. A flush that fails then (a
 * write during the outage) is made before this instance uses the cache again: until it succeeds,
 * `generation()` says the store cannot be used.
 */
export function redisResponseStore(redis: SharedRedis): ResponseStore {
  let flushOwed = false;
  const flush = async () => {
    try {
      await redis.client.incr(GENERATION_KEY);
      flushOwed = false;
    } catch {
      flushOwed = true;
    }
  };
  return {
    async generation() {
      if (!redis.ready) return null;
      if (flushOwed) await flush();
      if (flushOwed) return null;
      try {
        return (await redis.client.get(GENERATION_KEY)) ?? '0';
      } catch {
        return null;
      }
    },
    async get(key) {
      if (!redis.ready) return null;
      try {
        const json = await redis.client.get(answerKey(key));
        return json === null ? null : (JSON.parse(json) as ExecutionResult);
      } catch {
        return null;
      }
    },
    async set(key, result, _entities, ttl) {
      if (!redis.ready) return;
      await redis.client.set(answerKey(key), JSON.stringify(result), 'PX', ttl).catch(() => undefined);
    },
    invalidate: flush,
    flush,
  };
}

/**
 * Answers in an LRU bounded by the length of their JSON (a proxy for their size in memory), each
 * with its TTL; a flush clears it and moves to the next generation.
 */
export function memoryResponseStore(maxBytes: number): ResponseStore {
  let generation = 0;
  const answers = new LRUCache<string, { json: string }>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => entry.json.length,
  });
  const flush = async () => {
    generation += 1;
    answers.clear();
  };
  return {
    generation: async () => String(generation),
    // Kept as text and parsed per hit: what a hit hands on can be changed by later plugins without
    // touching the stored answer, as with Redis.
    get: (key) => {
      const entry = answers.get(key);
      return entry ? (JSON.parse(entry.json) as ExecutionResult) : null;
    },
    set: (key, result, _entities, ttl) => {
      answers.set(key, { json: JSON.stringify(result) }, { ttl });
    },
    invalidate: flush,
    flush,
  };
}
