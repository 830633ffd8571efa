import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printRepoSubgraphs } from '../src/federation/subgraph-sdl';
import { composeSupergraph, readSubgraphSdls } from '../src/gateway/compose';
import { loadSubgraphList } from '../src/gateway/subgraph-list';

/**
 * The checked-in SDL is what partners review and what `npm run compose` composes, so it must be
 * what the code serves. When one of these fails, run `npm run schema && npm run compose` and
 * commit the files with the change.
 */
const root = join(__dirname, '..');
const onDisk = (file: string) => readFileSync(join(root, file), 'utf8');

describe('checked-in schemas match the code', () => {
  it('schema/content.graphql and schema/engagement.graphql are what the subgraphs serve (npm run schema)', async () => {
    const printed = await printRepoSubgraphs();
    expect(printed.map(({ file }) => file)).toEqual(['schema/content.graphql', 'schema/engagement.graphql']);
    for (const { file, sdl } of printed) expect({ file, sdl: onDisk(file) }).toEqual({ file, sdl });
  });

  it('schema/supergraph.graphql is the composition of those files (npm run compose)', () => {
    const list = loadSubgraphList({
      subgraphsFile: join(root, 'subgraphs.json'),
      subgraphUrls: {},
      subgraphTimeoutMs: 5000,
    });
    const composed = composeSupergraph(readSubgraphSdls(list));
    expect(onDisk('schema/supergraph.graphql').trimEnd()).toBe(composed.trimEnd());
  });
});
