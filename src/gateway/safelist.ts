import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DocumentNode, parse, print } from 'graphql';

/** Where `npm run persisted` writes the safelist, checked in beside the schema it runs against. */
export const SAFELIST_FILE = 'schema/persisted-operations.json';

/** The hash a client sends in `extensions.persistedQuery.sha256Hash`: SHA-256 of the text, in hex. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * An operation's text as the safelist keeps it: graphql-js's printing of it, so that layout and
 * comments do not make two texts of one operation two entries, and its hash is what a client sends.
 */
export const canonicalText = (document: DocumentNode): string => print(document);

/** The safelist file's content, hash → document, from operation texts written as their authors wrote them. */
export function safelistEntries(texts: readonly string[]): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const text of texts) {
    const canonical = canonicalText(parse(text));
    entries[sha256Hex(canonical)] = canonical;
  }
  return entries;
}

/**
 * The operations restricted callers may run (a key with `safelistOnly`, anonymous callers when
 * ANONYMOUS_SAFELIST_ONLY is set), each also served by its hash to anyone, as if registered
 * through automatic persisted queries (apq-store.ts).
 */
export class Safelist {
  private readonly documents: ReadonlyMap<string, string>;
  /** Each parsed document's hash, computed once: parsed documents are reused (DocumentCache). */
  private readonly hashes = new WeakMap<DocumentNode, string>();

  constructor(entries: Record<string, string>) {
    this.documents = new Map(Object.entries(entries));
  }

  /** The file `npm run persisted` wrote; one edited by hand so that a hash no longer fits its text is refused. */
  static fromFile(path: string): Safelist {
    const entries = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    for (const [hash, text] of Object.entries(entries)) {
      if (typeof text !== 'string' || sha256Hex(text) !== hash) {
        throw new Error(
          `${path}: the entry ${hash} is not the SHA-256 of its text; write the file again with npm run persisted.`,
        );
      }
    }
    return new Safelist(entries);
  }

  /** The safelisted text with this hash, if any. */
  document(hash: string): string | undefined {
    return this.documents.get(hash);
  }

  /** Whether the operation is safelisted, however the client laid its text out or sent it. */
  allows(document: DocumentNode): boolean {
    let hash = this.hashes.get(document);
    if (hash === undefined) {
      hash = sha256Hex(canonicalText(document));
      this.hashes.set(document, hash);
    }
    return this.documents.has(hash);
  }
}
