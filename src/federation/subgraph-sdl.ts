import { GraphQLSchema } from 'graphql';
import { buildContentSchema } from '../schema';
import { buildEngagementSchema } from '../subgraphs/engagement/engagement.schema';
import { printSubgraphSdl } from './subgraph-schema';

/**
 * The subgraphs built in this repository and where their SDL is checked in (subgraphs.json points
 * the composer there). `npm run schema` writes these files; a test fails when code and file differ.
 */
export const SUBGRAPHS_IN_REPO: { name: string; file: string; build(): GraphQLSchema | Promise<GraphQLSchema> }[] = [
  { name: 'content', file: 'schema/content.graphql', build: buildContentSchema },
  { name: 'engagement', file: 'schema/engagement.graphql', build: buildEngagementSchema },
];

export async function printRepoSubgraphs(): Promise<{ name: string; file: string; sdl: string }[]> {
  return Promise.all(
    SUBGRAPHS_IN_REPO.map(async ({ name, file, build }) => ({ name, file, sdl: printSubgraphSdl(await build()) })),
  );
}
