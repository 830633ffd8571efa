import { readFileSync } from 'node:fs';
import { operations } from '../bench/operations';
import { ARTICLE_STATS_CSV_QUERY } from '../src/gateway/article-stats-csv';
import { LABEL_FEED_QUERY, REGION_FEED_QUERY } from '../src/gateway/feeds';
import { ARTICLE_NINJS_QUERY } from '../src/gateway/ninjs-export';

/**
 * The operations the project's reference clients send, from where they are written (there is no
 * other copy): the README's example queries, and what the benchmark sends the gateway as the
 * site and the partners would, and the gateway's downloads' (CSV, ninjs, feeds). `npm run persisted` makes the safelist of them.
 */
export function referenceOperations(readmePath = 'README.md'): string[] {
  return [
    ...readmeExamples(readFileSync(readmePath, 'utf8')),
    ...benchmarkOperations(),
    ARTICLE_STATS_CSV_QUERY,
    ARTICLE_NINJS_QUERY,
    REGION_FEED_QUERY,
    LABEL_FEED_QUERY,
  ];
}

/** Every GraphQL block of the README's "Example queries" section. */
function readmeExamples(readme: string): string[] {
  const section = /^## Example queries.*$([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const blocks = [...section.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (blocks.length === 0) throw new Error('The README has no ```graphql block under "## Example queries".');
  return blocks;
}

/**
 * The gateway's side of each benchmark operation (the subgraph-only `_entities` one is sent as the
 * query that makes the gateway send it), without the `variant` alias the benchmark renames per
 * request body to keep requests apart: its first body drops it, as a client's would have none.
 */
function benchmarkOperations(): string[] {
  return operations.map((operation) => (operation.gateway ?? operation).query.replace(/\bvariant: id\s*/, ''));
}
