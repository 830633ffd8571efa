import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the reference frontend, from the gateway's composed schema: every
 * `graphql(…)` call in src/ gets its result and variables types in src/gql/. Run from the
 * repository root: `npm run codegen` writes them, `npm run codegen -- --check` fails when they
 * are not current.
 */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['examples/web/src/**/*.tsx'],
  generates: {
    'examples/web/src/gql/': {
      preset: 'client',
      // The pages read fragments' fields directly; masking suits larger apps with colocated fragments.
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', URL: 'string' } },
    },
  },
};

export default config;
