import { InitialContent1764370000000 } from './1764370000000-initial-content';
import { EditorialWrites1764400000000 } from './1764400000000-editorial-writes';

/** In order of application. */
export const migrations = [InitialContent1764370000000, EditorialWrites1764400000000];
