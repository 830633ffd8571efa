/**
 * The architecture, checked by `npm run lint` (dependency-cruiser): imports point one way.
 * Concepts build on each other in one order (webhooks deliver the syndication feed; analytics
 * counts articles; an article cites sources and shows photos about regions; a photo credits a
 * source; a source has a country), the data layer (src/db) knows no concept, and no module
 * imports one that imports it back.
 */
const CONCEPT_ORDER = [
  'importer',
  'webhooks',
  'syndication',
  'search',
  'analytics',
  'fact-check',
  'article',
  'photo',
  'source',
  'region',
];

/** A concept may import only the concepts after it in CONCEPT_ORDER. */
const conceptRules = CONCEPT_ORDER.map((concept, index) => ({
  name: `${concept}-imports-only-what-it-builds-on`,
  comment: `${concept}/ builds on ${CONCEPT_ORDER.slice(index + 1).join(', ') || 'no other concept'}; the other way round would be a cycle between folders`,
  severity: 'error',
  from: { path: `^src/${concept}/` },
  to: {
    path: `^src/(${
      CONCEPT_ORDER.filter((_, other) => other <= index)
        .filter((name) => name !== concept)
        .join('|') || '-none-'
    })/`,
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module must not import one that imports it back (type-only imports aside: they vanish at build).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'db-knows-no-concept',
      comment: 'src/db is the data layer under every concept: it may not import one.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: {
        path: '^src/(importer|webhooks|syndication|search|analytics|fact-check|article|photo|source|region|tombstone|auth|seed|server|gateway|federation|subgraphs)/',
      },
    },
    {
      name: 'tombstone-and-auth-stand-alone',
      severity: 'error',
      from: { path: '^src/(tombstone|auth)/' },
      to: { path: '^src/(webhooks|analytics|fact-check|article|photo|source|region)/' },
    },
    ...conceptRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
