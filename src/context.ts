import type { Db } from './db/db';
import type { Loaders } from './loaders';
import type { Viewer } from './viewer';

/** What every resolver receives. Built per request by the server's context factory. */
export interface RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly db: Db;
  readonly loaders: Loaders;
}
