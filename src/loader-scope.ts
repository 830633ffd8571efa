import type { Db } from './db/db';
import type { Viewer } from './viewer';

/** What every loader of one request is built with. */
export interface LoaderScope {
  readonly db: Db;
  /** Who asks: what the loaders read is what this viewer may see (article/article.query.ts). */
  readonly viewer: Viewer;
  /** False only to measure the N+1 baseline (bench/): every load then runs its own statement. */
  readonly batch: boolean;
  /** Told the size of every batch a loader runs, under the loader's name (the service's metrics). */
  readonly onBatch?: (loader: string, keys: number) => void;
}
