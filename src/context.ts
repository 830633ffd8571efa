import type { Writes } from './db/transaction';
import type { Loaders } from './loaders';
import type { Viewer } from './viewer';

/**
 * What every resolver receives, built per request by the server's context factory: reads go
 * through the loaders, writes through `writes` (one transaction per mutation); no resolver holds a
 * database handle of its own.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  readonly writes: Writes;
}
