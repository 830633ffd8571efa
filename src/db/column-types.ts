import { config } from '../config';

/**
 * Column types that differ between the two supported databases. Decorators are evaluated once at
 * import, so one process serves one kind of database (the test runner gives each kind its own
 * project and module registry).
 */
export const timestampType = config.database.kind === 'postgres' ? 'timestamptz' : 'datetime';
