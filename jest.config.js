/**
 * The suite runs once per database: always on SQLite, and on PostgreSQL when TEST_DATABASE_URL is
 * set. Each project has its own module registry, so a process serves one kind of database.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // type-graphql and TypeORM read emitted decorator metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/**
 * Packages published only as ES modules, which Node 20.19+ and 24 `require` as they are but Jest's
 * module registry cannot (before Node 24.9): compiled to CommonJS for the tests.
 */
const ESM_ONLY = ['feed', 'iso-3166'];

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
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
