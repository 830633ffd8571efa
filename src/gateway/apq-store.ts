import type { APQStore } from '@graphql-yoga/plugin-apq';
import { parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { SharedRedis } from '../redis/redis';
import type { Safelist } from './safelist';

/** Query text this process keeps, counted in UTF-16 code units as held in memory (two bytes each). */
const MEMORY_BYTES = 16 * 1024 * 1024;
/**
 * How long Redis keeps a registered query. Anyone may register queries, so the store must shed what
 * is no longer asked for; a client whose hash expired is told PERSISTED_QUERY_NOT_FOUND and sends
 * the query once more, as the protocol expects.
 */
const REDIS_TTL_SECONDS = 24 * 60 * 60;
const REDIS_PREFIX = 'apq:';
/**
 * The longest query text kept: a query within the token limit is far shorter (comments and
 * whitespace are not tokens, so the token limit alone would let a megabyte of comment through).
 */
const MAX_QUERY_CHARACTERS = 64 * 1024;

/**
 * Where automatic persisted queries are kept, hash → query text: the safelist first (its
 * operations are served by hash without being registered), then this process's memory, then Redis
 * when there is one, shared by every gateway instance. A hash names one text forever, so a copy in
 * memory is never stale, and a query found in Redis is kept in memory too.
 *
 * Redis going away costs no request: while it is down (or a command fails or times out) a lookup
 * is a miss, which asks the client to send the query again, and a registration is kept in memory.
 */
export class ApqStore implements APQStore {
  private readonly memory = new LRUCache<string, string>({
    maxSize: MEMORY_BYTES,
    sizeCalculation: (query, hash) => (query.length + hash.length) * 2,
  });

  constructor(
    private readonly safelist: Safelist,
    private readonly redis?: SharedRedis,
    /** The parser's token limit (QUERY_MAX_TOKENS): a text that does not parse within it is not kept. */
    private readonly maxTokens = Infinity,
  ) {}

  async get(hash: string): Promise<string | undefined> {
    const known = this.safelist.document(hash) ?? this.memory.get(hash);
    if (known !== undefined || !this.redis?.ready) return known;
    const shared = await this.redis.client.get(REDIS_PREFIX + hash).catch(() => null);
    if (shared === null) return undefined;
    this.memory.set(hash, shared);
    return shared;
  }

  /**
   * Keeps `query` under `hash`, unless it could never run: too long, or not a document within the
   * token limit (the plugin registers before the gateway parses, and anyone may register). The
   * request itself still runs and is refused as any such query is.
   */
  async set(hash: string, query: string): Promise<void> {
    if (this.safelist.document(hash) !== undefined || !this.worthKeeping(query)) return;
    this.memory.set(hash, query);
    if (!this.redis?.ready) return;
    await this.redis.client.set(REDIS_PREFIX + hash, query, 'EX', REDIS_TTL_SECONDS).catch(() => undefined);
  }

  private worthKeeping(query: string): boolean {
    if (query.length > MAX_QUERY_CHARACTERS) return false;
    try {
      parse(query, { maxTokens: this.maxTokens, noLocation: true });
      return true;
    } catch {
      return false;
    }
  }
}
