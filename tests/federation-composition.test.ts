import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, CompositionError } from '../src/gateway/compose';
import { loadSubgraphList } from '../src/gateway/subgraph-list';

const root = join(__dirname, '..');
const contentSdl = readFileSync(join(root, 'schema', 'content.graphql'), 'utf8');
const content = { name: 'content', url: 'http://content.test/graphql', sdl: contentSdl };
const partner = (sdl: string) => ({
  name: 'partner',
  url: 'http://partner.test/graphql',
  sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n${sdl}`,
});

function compositionErrors(subgraphs: Parameters<typeof composeSupergraph>[0]): CompositionError {
  try {
    composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) return error;
    throw error;
  }
  throw new Error('composition succeeded');
}

describe('composition failures read as what to fix', () => {
  it('names the code, the type and field, and the subgraphs when a field type disagrees', () => {
    const error = compositionErrors([content, partner('type Article @key(fields: "id") { id: ID! title: Int }')]);
    expect(error.message.split('\n')).toEqual([
      'Composition failed (2 errors):',
      '  [FIELD_TYPE_MISMATCH] Type of field "Article.title" is incompatible across subgraphs: it has type "String!" ' +
        'in subgraph "content" but type "Int" in subgraph "partner"',
      '  [INVALID_FIELD_SHARING] Non-shareable field "Article.title" is resolved from multiple subgraphs: it is ' +
        'resolved from subgraphs "content" and "partner" and defined as non-shareable in all of them',
    ]);
  });

  it('lists every problem at once', () => {
    const error = compositionErrors([
      content,
      partner(`
        type Article @key(fields: "id") { id: ID! title: Int }
        type Source @key(fields: "id") { id: ID! name: Int }
      `),
    ]);
    const mismatches = error.reasons.filter((reason) => reason.startsWith('[FIELD_TYPE_MISMATCH]'));
    expect(mismatches).toHaveLength(2);
    expect(mismatches).toEqual(
      expect.arrayContaining([expect.stringContaining('"Article.title"'), expect.stringContaining('"Source.name"')]),
    );
  });

  it('points at a key naming a field the subgraph does not have', () => {
    const error = compositionErrors([content, partner('type Region @key(fields: "isoCode") { code: String! }')]);
    expect(error.reasons).toEqual([
      expect.stringMatching(/^\[KEY_INVALID_FIELDS\] \[partner\] On type "Region", for @key\(fields: "isoCode"\)/),
    ]);
  });

  it('reports SDL that does not parse with the subgraph it came from', () => {
    const error = compositionErrors([content, { ...partner(''), sdl: 'type Article {' }]);
    expect(error.reasons).toEqual([expect.stringMatching(/^\[INVALID_GRAPHQL\] subgraph "partner": Syntax Error/)]);
  });

  it('composes the subgraphs of this repository', () => {
    const engagementSdl = readFileSync(join(root, 'schema', 'engagement.graphql'), 'utf8');
    const supergraph = composeSupergraph([
      content,
      { name: 'engagement', url: 'http://e.test/graphql', sdl: engagementSdl },
    ]);
    expect(supergraph).toContain('@join__graph(name: "engagement", url: "http://e.test/graphql")');
  });
});

describe('the subgraph list', () => {
  const write = (body: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'subgraphs-')), 'subgraphs.json');
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const defaults = { subgraphUrls: {}, subgraphTimeoutMs: 5000 };

  it('reads subgraphs.json, resolving SDL paths next to it and applying URL overrides', () => {
    const list = loadSubgraphList({
      ...defaults,
      subgraphsFile: join(root, 'subgraphs.json'),
      subgraphUrls: { engagement: 'http://engagement:4002/graphql' },
    });
    expect(list.map((entry) => [entry.name, entry.url])).toEqual([
      ['content', 'http://localhost:4001/graphql'],
      ['engagement', 'http://engagement:4002/graphql'],
    ]);
    expect(list[0].sdlPath).toBe(join(root, 'schema', 'content.graphql'));
  });

  it('names every problem of a bad list', () => {
    const file = write({
      subgraphs: [
        { name: 'content', url: 'localhost:4001' },
        { name: 'content', url: 'http://x/graphql', timeoutMs: 5 },
        { name: 'Bad Name', url: 'http://y/graphql' },
      ],
    });
    expect(() => loadSubgraphList({ ...defaults, subgraphsFile: file, subgraphUrls: { typo: 'http://z/graphql' } }))
      .toThrow(`Invalid subgraph list ${file}:
  - subgraphs[0].url must be an http(s) URL
  - subgraphs[1].timeoutMs must be an integer of at least 100
  - subgraphs[2].name must be lower case letters, digits or _
  - subgraph names must be unique; listed twice: content
  - *_SUBGRAPH_URL set for subgraphs not in the list: typo`);
  });
});
