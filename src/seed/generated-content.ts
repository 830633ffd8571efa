import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { RARE_WORDS, WORDS } from './generated-words';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { Article, ArticleStatus } from '../article/article.entity';
import { Tx } from '../db/transaction';
import { Photo } from '../photo/photo.entity';
import { addToClosure } from '../region/region-closure.writes';
import { Region, RegionKind } from '../region/region.entity';
import { Source, SourceKind } from '../source/source.entity';
import { recordLoaded } from '../syndication/change-log';

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

const KINDS = [
  SourceKind.NEWS_OUTLET,
  SourceKind.NEWS_AGENCY,
  SourceKind.PHOTO_AGENCY,
  SourceKind.BROADCASTER,
  SourceKind.GOVERNMENT,
  SourceKind.THINK_TANK,
];
const REGION_KINDS = [RegionKind.CONTINENT, RegionKind.SUBREGION, RegionKind.COUNTRY, RegionKind.PROVINCE];
const CHUNK = 400;

export async function insertGeneratedContent(
  dataSource: DataSource,
  options: GeneratedContentOptions,
): Promise<GeneratedContent> {
  const rand = random(options.seed ?? 42);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const now = new Date('2026-01-01T00:00:00.000Z');
  const stamps = { createdAt: now, updatedAt: now };

  return dataSource.transaction(async (manager) => {
    /** Rows in chunks of multi-row INSERTs (well within SQLite's bound parameters); their new ids in order. */
    const insert = async <T extends ObjectLiteral>(target: EntityTarget<T>, rows: Partial<T>[]): Promise<number[]> => {
      const ids: number[] = [];
      for (let start = 0; start < rows.length; start += CHUNK) {
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(target)
          .values(rows.slice(start, start + CHUNK) as T[])
          .execute();
        ids.push(...result.identifiers.map((identifier) => Number(identifier?.rowId)));
      }
      return ids;
    };

    // Regions, level by level, so each level knows its parents' ids.
    const regionIds: number[][] = [];
    let parents: (number | null)[] = [null];
    for (let level = 0; level < 4; level += 1) {
      const rows: Partial<Region>[] = [];
      for (const parentId of parents) {
        for (let i = 0; i < options.regionFanout[level]; i += 1) {
          const code = `gen-${level}-${rows.length}`;
          rows.push({ code, name: `Region ${level}.${rows.length}`, kind: REGION_KINDS[level], parentId, ...stamps });
        }
      }
      const ids = await insert(Region, rows);
      await addToClosure(new Tx(manager), ids);
      regionIds.push(ids);
      parents = ids;
    }
    const countries = regionIds[2];
    const placeable = [...regionIds[2], ...regionIds[3]];

    const sourceIds = await insert(
      Source,
      Array.from({ length: options.sources }, (_, i) => ({
        slug: `gen-source-${i}`,
        name: `Source ${i}`,
        kind: pick(KINDS),
        url: `https://source-${i}.example.com`,
        stateAffiliated: i % 7 === 0,
        countryId: i % 5 === 0 ? null : pick(countries),
        ...stamps,
      })),
    );

    const newest = options.newest ?? now;
    const articleRows = Array.from({ length: options.articles }, (_, i) => {
      const words: string[] = [];
      let length = 0;
      while (length < options.bodyBytes) {
        const word = rand() < 0.75 ? pick(WORDS) : RARE_WORDS[Math.floor(rand() ** 3 * RARE_WORDS.length)];
        words.push(word);
        length += word.length + 1;
      }
      const draft = options.draftEvery ? i % options.draftEvery === options.draftEvery - 1 : false;
      // Pairs of articles share a timestamp, so the id tie-break is always exercised.
      const at = new Date(newest.getTime() - Math.floor(i / 2) * 3_600_000);
      const article: Partial<Article> = {
        slug: `gen-article-${i}`,
        title: `Generated article ${i}: ${words.slice(0, 6).join(' ')}`,
        body: words.join(' '),
        language: i % 4 === 0 ? 'ro' : 'en',
        summary: null,
        label: i % 3 === 0 ? 'Analysis' : null,
        byline: [`Author ${i % 17}`],
        status: draft ? ArticleStatus.DRAFT : ArticleStatus.PUBLISHED,
        version: 1,
        publishedAt: draft ? null : at,
        deletedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      return article;
    });
    const articleIds = await insert(Article, articleRows);

    const citations: Partial<ArticleSource>[] = [];
    const photoLinks: [number, number, number][] = [];
    const regionLinks: Partial<ArticleRegion>[] = [];
    let photoCount = 0;
    const photoRow = (url: string, caption: string): Partial<Photo> => ({
      url,
      caption,
      altText: null,
      creditId: rand() < 0.1 ? null : pick(sourceIds),
      creditLine: 'Photo source: generated',
      // Every other one may go to partners; the rest stand for agency pictures licensed to us only.
      // (Counted, not drawn: another draw would change every row generated after it.)
      syndicationAllowed: photoCount++ % 2 === 0,
      ...stamps,
    });
    const pool = Array.from({ length: options.photos ?? 0 }, (_, i) =>
      photoRow(`https://media.example.com/pool/${i}.jpg`, `Photo ${i}`),
    );
    const photoRows: Partial<Photo>[] = [...pool];
    for (const articleId of articleIds) {
      const cited = new Set<number>();
      const citationCount = 2 + Math.floor(rand() * 5);
      while (cited.size < Math.min(citationCount, sourceIds.length)) cited.add(pick(sourceIds));
      [...cited].forEach((sourceId, index) =>
        citations.push({ articleId, sourceId, position: index + 1, context: `cited as ${index + 1}` }),
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
      for (const regionId of about) regionLinks.push({ articleId, regionId });
    }
    await insert(ArticleSource, citations);
    const photoIds = await insert(Photo, photoRows);
    await insert(
      ArticlePhoto,
      photoLinks.map(([articleId, position, index]) => ({ articleId, photoId: photoIds[index], position })),
    );
    await insert(ArticleRegion, regionLinks);
    await recordLoaded(
      manager,
      articleRows.map((row, index) => ({ rowId: articleIds[index], status: row.status!, deletedAt: row.deletedAt! })),
      now,
    );
    return { articleIds, sourceIds, regionIds, photoCount: photoIds.length };
  });
}
