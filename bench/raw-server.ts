import { createServer } from 'node:http';
import { Pool, QueryConfig } from 'pg';
import { decodeCursor, scopeOf } from '../src/pagination/cursor';
import { ENTITY_FETCH, FRONT_PAGE, partnerSync } from './raw-queries';

/**
 * The benchmark's ceilings: the front page, partner sync and entity fetch (the same JSON the content
 * service answers them with), each from one prepared statement that builds the whole response in
 * PostgreSQL (bench/raw-queries.ts), served by bare node:http. No GraphQL parsing, validation,
 * resolvers or serialisation in Node; what is left is HTTP, one round trip to the database and the
 * database's own work. Which operation a body asks is read from its operation's name.
 *
 * Usage: node dist/bench/raw-server.js <port> <postgres url> [pool size]
 */
const [port, url, poolSize = '10'] = process.argv.slice(2);

/** The cursors' scope of the top-level list without a filter (article.resolver.ts, resolveFilter). */
const ARTICLES_SCOPE = scopeOf('Query.articles', {});

type Variables = Record<string, unknown>;

/** Each operation's prepared statement and values, by the operation's name. */
const statements: Record<string, (variables: Variables) => QueryConfig> = {
  FrontPage: ({ first }) => ({ name: 'front_page', text: FRONT_PAGE, values: [first ?? 20] }),
  PartnerSync: ({ first, after }) => {
    if (typeof after !== 'string') {
      return { name: 'partner_sync', text: partnerSync(false), values: [first, ARTICLES_SCOPE] };
    }
    const { sortKey, rowId } = decodeCursor(after, ARTICLES_SCOPE);
    return { name: 'partner_sync_after', text: partnerSync(true), values: [first, sortKey, rowId, ARTICLES_SCOPE] };
  },
  EntityFetch: ({ representations }) => ({
    name: 'entity_fetch',
    text: ENTITY_FETCH,
    values: [(representations as { slug: string }[]).map((representation) => representation.slug)],
  }),
};

const pool = new Pool({ connectionString: url, max: Number(poolSize) });

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let statement: QueryConfig;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Variables };
      const operation = /^\s*query\s+(\w+)/.exec(body.query)?.[1] ?? '';
      statement = statements[operation](body.variables ?? {});
    } catch {
      res.writeHead(400).end();
      return;
    }
    pool.query<{ body: string }>(statement).then(
      ({ rows }) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(rows[0].body);
      },
      (error: Error) => {
        console.error(error.message);
        res.writeHead(500).end();
      },
    );
  });
});

server.listen(Number(port), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
