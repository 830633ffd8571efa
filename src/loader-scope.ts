import type { Db } from './db/db';

/** What every loader of one request is built with. */
export interface LoaderScope {
  readonly db: Db;
  /** SQL condition on `article a` for the viewer (see article.sql.ts visibleClause). */
  readonly visible: string;
  /** Editors and admins: they see drafts, and pictures no article uses yet. */
  readonly newsroom: boolean;
  /** False only to measure the N+1 baseline (bench/): every load then runs its own statement. */
  readonly batch: boolean;
}
