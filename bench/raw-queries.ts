/**
 * The raw handler's statements (bench/raw-server.ts): each builds a whole GraphQL answer, the JSON
 * the content service gives for the same operation, in PostgreSQL with json_build_object/json_agg.
 * The pieces below are shared, so that an article, a source or a region reads the same everywhere.
 */

/** Global ids as src/node/global-id.ts makes them: base64url("<Type>:<id>"). */
const base64url = (text: string) => `translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
const gid = (type: string, column: string) => base64url(`'${type}:' || ${column}`);
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** As the URL scalar writes a URL (WHATWG serialisation): a bare origin gets its path, "/". */
const url = (column: string) => `CASE WHEN ${column} ~ '^[a-z]+://[^/]+$' THEN ${column} || '/' ELSE ${column} END`;
const SORT_KEY = 'COALESCE(a.published_at, a.created_at)';
const ORDER = `${SORT_KEY} DESC, a.id DESC`;
const VISIBLE = "a.status = 'PUBLISHED' AND a.deleted_at IS NULL";

/** `json_build_object` of `fields` (name → SQL expression). */
const object = (fields: Record<string, string>) =>
  `json_build_object(${Object.entries(fields)
    .map(([name, value]) => `'${name}', ${value}`)
    .join(', ')})`;
/** The object, or null when the row `alias` is missing (a LEFT JOIN's empty side). */
const orNull = (alias: string, fields: Record<string, string>) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE ${object(fields)} END`;
/** A JSON array of `element` over the rows of `from`, `[]` when there are none. */
const list = (element: string, from: string, order: string) =>
  `(SELECT COALESCE(json_agg(${element} ORDER BY ${order}), '[]') ${from})`;

const regionRef = (alias: string) => ({
  id: gid('Region', `${alias}.id`),
  code: `${alias}.code`,
  name: `${alias}.name`,
});
const sourceRef = (alias: string) => ({ id: gid('Source', `${alias}.id`), name: `${alias}.name` });

/** The front page's article: title, summary, byline, sources, photos → credit, regions → parent. */
const frontPageArticle = object({
  id: gid('Article', 'a.id'),
  slug: 'a.slug',
  title: 'a.title',
  summary: 'a.summary',
  label: 'a.label',
  byline: 'a.byline::json',
  publishedAt: iso('a.published_at'),
  sources: list(
    object({ ...sourceRef('s'), stateAffiliated: 's.state_affiliated' }),
    'FROM article_source l JOIN source s ON s.id = l.source_id WHERE l.article_id = a.id',
    'l.position',
  ),
  photos: list(
    object({
      id: gid('Photo', 'p.id'),
      url: url('p.url'),
      altText: 'p.alt_text',
      creditLine: 'p.credit_line',
      credit: orNull('c', sourceRef('c')),
    }),
    'FROM article_photo l JOIN photo p ON p.id = l.photo_id LEFT JOIN source c ON c.id = p.credit_id WHERE l.article_id = a.id',
    'l.position',
  ),
  regions: list(
    object({ ...regionRef('r'), parent: orNull('pr', regionRef('pr')) }),
    'FROM article_region l JOIN region r ON r.id = l.region_id LEFT JOIN region pr ON pr.id = r.parent_id WHERE l.article_id = a.id',
    'r.name',
  ),
});

/** "Everything" (bench/operations.ts): every Article field of the contract, sources → country, photos → credit, regions → parent and ancestors. */
const everything = object({
  id: gid('Article', 'a.id'),
  slug: 'a.slug',
  title: 'a.title',
  summary: 'a.summary',
  body: 'a.body',
  language: 'a.language',
  label: 'a.label',
  byline: 'a.byline::json',
  status: 'a.status',
  version: 'a.version',
  publishedAt: iso('a.published_at'),
  updatedAt: iso('a.updated_at'),
  sources: list(
    object({
      id: gid('Source', 's.id'),
      slug: 's.slug',
      name: 's.name',
      kind: 's.kind',
      url: url('s.url'),
      stateAffiliated: 's.state_affiliated',
      country: orNull('c', regionRef('c')),
    }),
    'FROM article_source l JOIN source s ON s.id = l.source_id LEFT JOIN region c ON c.id = s.country_id WHERE l.article_id = a.id',
    'l.position',
  ),
  photos: list(
    object({
      id: gid('Photo', 'p.id'),
      url: url('p.url'),
      caption: 'p.caption',
      altText: 'p.alt_text',
      creditLine: 'p.credit_line',
      credit: orNull('c', { id: gid('Source', 'c.id'), slug: 'c.slug', name: 'c.name' }),
    }),
    'FROM article_photo l JOIN photo p ON p.id = l.photo_id LEFT JOIN source c ON c.id = p.credit_id WHERE l.article_id = a.id',
    'l.position',
  ),
  regions: list(
    object({
      ...regionRef('r'),
      kind: 'r.kind',
      parent: orNull('pr', regionRef('pr')),
      ancestors: list(
        object(regionRef('up')),
        'FROM region_closure t JOIN region up ON up.id = t.ancestor_id WHERE t.descendant_id = r.id AND t.depth > 0',
        't.depth',
      ),
    }),
    'FROM article_region l JOIN region r ON r.id = l.region_id LEFT JOIN region pr ON pr.id = r.parent_id WHERE l.article_id = a.id',
    'r.name',
  ),
});

/** The newest articles after an optional position, and one more to tell whether there is a next page. */
const page = (after: boolean) => `
  WITH page AS (
    SELECT a.* FROM article a
    WHERE ${VISIBLE}${after ? ` AND (${SORT_KEY} < $2 OR (${SORT_KEY} = $2 AND a.id < $3))` : ''}
    ORDER BY ${ORDER}
    LIMIT $1::int + 1
  ), shown AS (SELECT * FROM page a ORDER BY ${ORDER} LIMIT $1::int)`;

/** `$1`: first. */
export const FRONT_PAGE = `${page(false)}
SELECT ${object({
  data: object({
    articles: object({
      edges: list(object({ node: frontPageArticle }), 'FROM shown a', ORDER),
      pageInfo: object({ hasNextPage: '(SELECT count(*) FROM page) > $1::int' }),
    }),
  }),
})}::text AS body`;

/**
 * `$1`: first, `$2`, `$3`: the position after which the page starts (sort key, id), `$4`: the
 * cursors' scope (src/pagination/cursor.ts); without a position, `$4` is `$2`.
 */
export const partnerSync = (after: boolean) => {
  const scope = after ? '$4' : '$2';
  const cursor = base64url(`'["' || ${scope}::text || '","' || ${iso(SORT_KEY)} || '",' || a.id || ']'`);
  return `${page(after)}
SELECT ${object({
    data: object({
      articles: object({
        edges: list(object({ cursor, node: everything }), 'FROM shown a', ORDER),
        pageInfo: object({
          hasNextPage: '(SELECT count(*) FROM page) > $1::int',
          endCursor: `(SELECT ${cursor} FROM shown a ORDER BY ${SORT_KEY}, a.id LIMIT 1)`,
        }),
      }),
    }),
  })}::text AS body`;
};

/** `$1`: the slugs of the representations, in order; an article not shown is null. */
export const ENTITY_FETCH = `
SELECT ${object({
  data: object({
    _entities: `(SELECT json_agg(CASE WHEN a.id IS NULL THEN NULL ELSE ${everything} END ORDER BY k.n)
      FROM unnest($1::text[]) WITH ORDINALITY k(slug, n) LEFT JOIN article a ON a.slug = k.slug AND ${VISIBLE})`,
  }),
})}::text AS body`;
