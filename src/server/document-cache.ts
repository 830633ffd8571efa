import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * What one cached parsed document keeps alive, per token of its text: the token objects (linked to
 * each other through `loc`) and the AST nodes. Measured with graphql-js 16 on a 3,000-token query:
 * 857 KB retained for 16,900 characters of text, about 280 bytes a token.
 */
const BYTES_PER_TOKEN = 300;
/** JavaScript strings of non-Latin-1 text take two bytes a character; count every text that way. */
const BYTES_PER_CHARACTER = 2;

/**
 * The memory a cached entry holds: its text (the key for Yoga's cache, the `loc.source` every
 * parsed document points to for Apollo's) and its tokens. An entry-count limit bounds none of it:
 * Apollo's default cache sizes a document by `JSON.stringify`, which leaves out the source text, and
 * Yoga's keeps 1,024 documents of any size, so unique large queries grew either server to a gigabyte.
 */
export function retainedBytes(value: DocumentNode | Error, key?: string): number {
  if (value instanceof Error) return (key?.length ?? 0) * BYTES_PER_CHARACTER + 1_000;
  const text = value.loc?.source.body ?? key ?? '';
  let tokens = 0;
  for (let token = value.loc?.startToken ?? null; token; token = token.next) tokens += 1;
  // A document parsed without locations keeps no tokens; its nodes are still about one a token.
  if (!value.loc) tokens = (key?.length ?? 1_000) / 4;
  return text.length * BYTES_PER_CHARACTER + tokens * BYTES_PER_TOKEN;
}

/**
 * A cache of parsed documents (or parse errors) bounded in bytes by `retainedBytes`, least
 * recently used first out. One entry larger than the whole budget is not kept. Synchronous, as
 * Yoga's parser cache calls it; `apolloDocumentStore` adapts it to Apollo's asynchronous store.
 */
export class DocumentCache<V extends DocumentNode | Error> {
  private readonly lru: LRUCache<string, V>;

  constructor(readonly maxBytes: number) {
    this.lru = new LRUCache<string, V>({
      maxSize: Math.max(maxBytes, 1),
      sizeCalculation: (value, key) => Math.max(1, Math.ceil(retainedBytes(value, key))),
    });
  }

  get(key: string): V | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: V): void {
    if (this.maxBytes > 0) this.lru.set(key, value);
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  /** The memory the entries hold by the budget's own estimate; never above `maxBytes`. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get size(): number {
    return this.lru.size;
  }

  /** The characters of query text the cached entries keep alive, counted from the entries themselves. */
  textLength(): number {
    let total = 0;
    for (const [key, value] of this.lru.entries()) {
      total += value instanceof Error ? key.length : (value.loc?.source.body.length ?? key.length);
    }
    return total;
  }
}

/** Apollo Server's `documentStore` (a KeyValueCache, keyed by the query's hash) over a DocumentCache. */
export function apolloDocumentStore(cache: DocumentCache<DocumentNode>) {
  return {
    get: async (key: string) => cache.get(key),
    set: async (key: string, value: DocumentNode) => cache.set(key, value),
    delete: async (key: string) => cache.delete(key),
  };
}
