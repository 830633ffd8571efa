import { DataSource } from 'typeorm';

/**
 * A deterministic synthetic data set for tests and the benchmark: a four-level region tree,
 * sources, photos and articles with 2–6 citations, 1–4 photos and 1–3 regions each. The same
 * options give the same rows on every run and on both databases.
 */
export interface GeneratedContentOptions {
  articles: number;
  sources: number;
  /** Regions per level below the root: [continents, subregions per continent, countries per subregion, provinces per country]. */
  regionFanout: [number, number, number, number];
  bodyBytes: number;
  seed?: number;
  /** A shared pool of this many photos that articles pick from (wire agencies' pictures recur); default: each article its own. */
  photos?: number;
  /** Every n-th article is a draft (0: none). */
  draftEvery?: number;
  /** Start of the publication timeline; articles go back one hour each, pairs share a timestamp. */
  newest?: Date;
}

export interface GeneratedContent {
  articleIds: number[];
  sourceIds: number[];
  regionIds: number[][];
  photoCount: number;
}

/** mulberry32: small, fast and reproducible; quality is irrelevant here. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'analysis government protest region energy price election report sources officials minister economy border security media agency court reform crisis public'.split(
    ' ',
  );
const KINDS = ['NEWS_OUTLET', 'NEWS_AGENCY', 'PHOTO_AGENCY', 'BROADCASTER', 'GOVERNMENT', 'THINK_TANK'];
const REGION_KINDS = ['CONTINENT', 'SUBREGION', 'COUNTRY', 'PROVINCE'];
const CHUNK = 400;

export async function insertGeneratedContent(
  dataSource: DataSource,
  options: GeneratedContentOptions,
): Promise<GeneratedContent> {
  const rand = random(options.seed ?? 42);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const now = new Date('2026-01-01T00:00:00.000Z');

  return dataSource.transaction(async (manager) => {
    const insert = async (table: string, columns: string[], rows: unknown[][]): Promise<number[]> => {
      const ids: number[] = [];
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        const params: Record<string, unknown> = {};
        const values = chunk.map(
          (row, r) => `(${row.map((value, c) => ((params[`p${r}_${c}`] = value), `:p${r}_${c}`)).join(', ')})`,
        );
        const returning = columns.includes('id') || table.startsWith('article_') ? '' : ' RETURNING id';
        const [sql, bound] = dataSource.driver.escapeQueryWithParameters(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}${returning}`,
          params,
          {},
        );
        const result = (await manager.query(sql, bound)) as { id: number }[] | undefined;
        if (returning && Array.isArray(result)) ids.push(...result.map((row) => Number(row.id)));
      }
      return ids;
    };

    // Regions, level by level, so each level knows its parents' ids.
    const regionIds: number[][] = [];
    let parents: (number | null)[] = [null];
    for (let level = 0; level < 4; level += 1) {
      const rows: unknown[][] = [];
      for (const parent of parents) {
        for (let i = 0; i < options.regionFanout[level]; i += 1) {
          const code = `gen-${level}-${rows.length}`;
          rows.push([code, `Region ${level}.${rows.length}`, REGION_KINDS[level], parent, now, now]);
        }
      }
      const ids = await insert('region', ['code', 'name', 'kind', 'parent_id', 'created_at', 'updated_at'], rows);
      regionIds.push(ids);
      parents = ids;
    }
    const countries = regionIds[2];
    const placeable = [...regionIds[2], ...regionIds[3]];

    const sourceIds = await insert(
      'source',
      ['slug', 'name', 'kind', 'url', 'state_affiliated', 'country_id', 'created_at', 'updated_at'],
      Array.from({ length: options.sources }, (_, i) => [
        `gen-source-${i}`,
        `Source ${i}`,
        pick(KINDS),
        `https://source-${i}.example.com`,
        i % 7 === 0,
        i % 5 === 0 ? null : pick(countries),
        now,
        now,
      ]),
    );

    const newest = options.newest ?? now;
    const articleRows = Array.from({ length: options.articles }, (_, i) => {
      const words: string[] = [];
      let length = 0;
      while (length < options.bodyBytes) {
        const word = pick(WORDS);
        words.push(word);
        length += word.length + 1;
      }
      const draft = options.draftEvery ? i % options.draftEvery === options.draftEvery - 1 : false;
      // Pairs of articles share a timestamp, so the id tie-break is always exercised.
      const at = new Date(newest.getTime() - Math.floor(i / 2) * 3_600_000);
      return [
        `gen-article-${i}`,
        `Generated article ${i}: ${words.slice(0, 6).join(' ')}`,
        words.join(' '),
        i % 4 === 0 ? 'ro' : 'en',
        i % 3 === 0 ? 'Analysis' : null,
        JSON.stringify([`Author ${i % 17}`]),
        draft ? 'DRAFT' : 'PUBLISHED',
        draft ? null : at,
        at,
        at,
      ];
    });
    const articleIds = await insert(
      'article',
      ['slug', 'title', 'body', 'language', 'label', 'byline', 'status', 'published_at', 'created_at', 'updated_at'],
      articleRows,
    );

    const citations: unknown[][] = [];
    const photoLinks: [number, number, number][] = [];
    const regionLinks: unknown[][] = [];
    const photoRow = (url: string, caption: string) => [
      url,
      caption,
      rand() < 0.1 ? null : pick(sourceIds),
      'Photo source: generated',
      now,
      now,
    ];
    const pool = Array.from({ length: options.photos ?? 0 }, (_, i) =>
      photoRow(`https://media.example.com/pool/${i}.jpg`, `Photo ${i}`),
    );
    const photoRows: unknown[][] = [...pool];
    for (const articleId of articleIds) {
      const cited = new Set<number>();
      const citationCount = 2 + Math.floor(rand() * 5);
      while (cited.size < Math.min(citationCount, sourceIds.length)) cited.add(pick(sourceIds));
      [...cited].forEach((sourceId, index) =>
        citations.push([articleId, sourceId, index + 1, `cited as ${index + 1}`]),
      );
      const photos = 1 + Math.floor(rand() * 4);
      if (pool.length) {
        // Links hold pool indexes until the pool's ids are known.
        const chosen = new Set<number>();
        while (chosen.size < Math.min(photos, pool.length)) chosen.add(Math.floor(rand() * pool.length));
        [...chosen].forEach((index, p) => photoLinks.push([articleId, p + 1, index]));
      } else {
        for (let p = 0; p < photos; p += 1) {
          photoLinks.push([articleId, p + 1, photoRows.length]);
          photoRows.push(photoRow(`https://media.example.com/${articleId}/${p}.jpg`, `Photo ${p}`));
        }
      }
      const about = new Set<number>();
      const regionCount = 1 + Math.floor(rand() * 3);
      while (about.size < regionCount) about.add(pick(placeable));
      for (const regionId of about) regionLinks.push([articleId, regionId]);
    }
    await insert('article_source', ['article_id', 'source_id', 'position', 'context'], citations);
    const photoIds = await insert(
      'photo',
      ['url', 'caption', 'credit_id', 'credit_line', 'created_at', 'updated_at'],
      photoRows,
    );
    await insert(
      'article_photo',
      ['article_id', 'photo_id', 'position'],
      photoLinks.map(([articleId, position, index]) => [articleId, photoIds[index], position]),
    );
    await insert('article_region', ['article_id', 'region_id'], regionLinks);
    return { articleIds, sourceIds, regionIds, photoCount: photoIds.length };
  });
}
