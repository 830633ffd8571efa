/** Who is calling. Built once per request from the credentials (see the API keys issue). */
export type Role = 'anonymous' | 'partner' | 'analyst' | 'editor' | 'admin';

export interface Viewer {
  readonly role: Role;
  /** The API key's name, for logs; absent for anonymous callers. */
  readonly name?: string;
  /** The key may run only safelisted operations, which the gateway enforces (gateway/api-key.plugin.ts). */
  readonly safelistOnly?: boolean;
}

export const anonymousViewer: Viewer = Object.freeze({ role: 'anonymous' });

/** Drafts, archived and deleted articles are for the newsroom only. */
export function seesUnpublished(viewer: Viewer): boolean {
  return viewer.role === 'editor' || viewer.role === 'admin';
}

/**
 * Syndication partners receive only the photos whose licence allows it (Photo.syndicationAllowed);
 * the rest are withheld on every path that reaches them.
 */
export function seesOnlySyndicablePhotos(viewer: Viewer): boolean {
  return viewer.role === 'partner';
}
