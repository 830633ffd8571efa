import { InitialContent1764370000000 } from './1764370000000-initial-content';

/** In order of application. */
export const migrations = [InitialContent1764370000000];
