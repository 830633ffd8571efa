/**
 * The browser tests (tests/browser, `npm run test:browser`): once, on SQLite, apart from `npm test`,
 * which CI runs on two Node versions. Same compilation as the suite's.
 */
const {
  projects: [sqlite],
} = require('./jest.config');

module.exports = {
  projects: [
    {
      ...sqlite,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
  testTimeout: 60_000,
};
