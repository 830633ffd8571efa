import { readFileSync } from 'node:fs';
import { config } from '../src/config';
import { queryLimits } from '../src/server/query-limits';
import { EngagementStore } from '../src/subgraphs/engagement/engagement.store';
import { startEngagementServer } from '../src/subgraphs/engagement';

/**
 * The example engagement subgraph with audience numbers for the benchmark's articles, so that
 * `trendingArticles(first: 100)` through the gateway names 100 of them and the gateway completes
 * them with one `_entities` call to the content subgraph: the entity fetch as a gateway sends it.
 *
 * Usage: node dist/bench/engagement-server.js <port> <file with one article slug a line>, with the
 * gateway's SUBGRAPH_SECRET in the environment.
 */
const [port, slugsFile] = process.argv.slice(2);
const slugs = readFileSync(slugsFile, 'utf8').split('\n').filter(Boolean);
const store = new EngagementStore({
  articles: Object.fromEntries(
    slugs.map((slug, i) => [slug, { views: slugs.length - i, shares: i % 7, comments: i % 5 }]),
  ),
  regionFollowers: {},
});

startEngagementServer({
  port: Number(port),
  host: '127.0.0.1',
  store,
  limits: queryLimits(config),
  maxBodyBytes: config.subgraphMaxBodyBytes,
  slowOperationMs: config.slowOperationMs,
  // As the stack deploys it (src/stack.ts): it answers only the requests the gateway signed.
  subgraphSecret: config.subgraphSecret,
}).then(
  (server) => process.once('SIGTERM', () => void server.stop().then(() => process.exit(0))),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
