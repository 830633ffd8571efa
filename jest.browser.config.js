/**
 * The browser tests (tests/browser, `npm run test:browser`): once, on SQLite, apart from `npm test`,
 * which CI runs on two Node versions.
 */
const { base } = require('./jest.base');

module.exports = {
  ...base,
  displayName: 'browser',
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/setup/sqlite.ts'],
  testTimeout: 60_000,
};
