import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The benchmark's ceiling: the front page (the same JSON the content service answers FrontPage
 * with) from one prepared statement that builds the whole response in PostgreSQL with json_agg,
 * served by bare node:http. No GraphQL parsing, validation, resolvers or serialisation in Node; what
 * is left is HTTP, one round trip to the database and the database's own work.
 *
 * Usage: node dist/bench/raw-front-page.js <port> <postgres url> [pool size]
 */
const [port, url, poolSize = '10'] = process.argv.slice(2);

/** Global ids as src/node/global-id.ts makes them: base64url("<Type>:<id>"). */
const gid = (type: string, column: string) =>
  `translate(rtrim(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '='), '+/', '-_')`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const ORDER = 'COALESCE(a.published_at, a.created_at) DESC, a.id DESC';

const FRONT_PAGE = `
WITH page AS (
  SELECT a.id, a.slug, a.title, a.summary, a.label, a.byline, a.published_at, a.created_at
  FROM article a
  WHERE a.status = 'PUBLISHED' AND a.deleted_at IS NULL
  ORDER BY ${ORDER}
  LIMIT $1::int + 1
)
SELECT json_build_object('data', json_build_object('articles', json_build_object(
  'edges', COALESCE((
    SELECT json_agg(json_build_object('node', json_build_object(
      'id', ${gid('Article', 'a.id')}, 'slug', a.slug, 'title', a.title, 'summary', a.summary, 'label', a.label,
      'byline', a.byline::json, 'publishedAt', ${iso('a.published_at')},
      'sources', (
        SELECT COALESCE(json_agg(json_build_object(
          'id', ${gid('Source', 's.id')}, 'name', s.name, 'stateAffiliated', s.state_affiliated) ORDER BY l.position), '[]')
        FROM article_source l JOIN source s ON s.id = l.source_id WHERE l.article_id = a.id),
      'photos', (
        SELECT COALESCE(json_agg(json_build_object(
          'id', ${gid('Photo', 'p.id')}, 'url', p.url, 'altText', p.alt_text, 'creditLine', p.credit_line,
          'credit', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', ${gid('Source', 'c.id')}, 'name', c.name) END
        ) ORDER BY l.position), '[]')
        FROM article_photo l JOIN photo p ON p.id = l.photo_id LEFT JOIN source c ON c.id = p.credit_id
        WHERE l.article_id = a.id),
      'regions', (
        SELECT COALESCE(json_agg(json_build_object(
          'id', ${gid('Region', 'r.id')}, 'code', r.code, 'name', r.name,
          'parent', CASE WHEN pr.id IS NULL THEN NULL
                    ELSE json_build_object('id', ${gid('Region', 'pr.id')}, 'code', pr.code, 'name', pr.name) END
        ) ORDER BY r.name), '[]')
        FROM article_region l JOIN region r ON r.id = l.region_id LEFT JOIN region pr ON pr.id = r.parent_id
        WHERE l.article_id = a.id)
    )) ORDER BY ${ORDER})
    FROM (SELECT * FROM page a ORDER BY ${ORDER} LIMIT $1::int) a
  ), '[]'),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > $1::int)
)))::text AS body`;

const pool = new Pool({ connectionString: url, max: Number(poolSize) });

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let first = 20;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { first?: number } };
      first = body.variables?.first ?? first;
    } catch {
      res.writeHead(400).end();
      return;
    }
    pool.query<{ body: string }>({ name: 'front_page', text: FRONT_PAGE, values: [first] }).then(
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
