/** What every Jest configuration here shares: how the TypeScript sources are compiled. */
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
};

module.exports = { base };
