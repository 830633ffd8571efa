/**
 * The suite runs once per database: always on SQLite, and on PostgreSQL when TEST_DATABASE_URL is
 * set. Each project has its own module registry, so a process serves one kind of database.
 */
const { base: shared } = require('./jest.base');

const base = {
  ...shared,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // Run once, apart, by `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/'],
};

const projects = [{ ...base, displayName: 'sqlite', setupFiles: ['<rootDir>/tests/setup/sqlite.ts'] }];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    ...base,
    displayName: 'postgres',
    setupFiles: ['<rootDir>/tests/setup/postgres.ts'],
    globalSetup: '<rootDir>/tests/setup/postgres-template.ts',
    globalTeardown: '<rootDir>/tests/setup/postgres-template-teardown.ts',
  });
} else {
  process.stderr.write(
    '\nPostgreSQL tests SKIPPED: set TEST_DATABASE_URL=postgres://… to run the suite on PostgreSQL too.\n\n',
  );
}

module.exports = {
  projects,
  // A global option: Jest ignores it inside a project's configuration.
  testTimeout: 60_000,
  collectCoverageFrom: ['src/**/*.ts', '!src/main.ts', '!src/**/*.cli.ts'],
  coverageReporters: ['text-summary', 'lcov'],
};
