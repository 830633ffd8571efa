import { DataSource, EntityManager } from 'typeorm';
import { Article } from '../article/article.entity';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { oneAtATime } from '../db/one-at-a-time';
import { Tx } from '../db/transaction';
import { Photo } from '../photo/photo.entity';
import { addToClosure } from '../region/region-closure.writes';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import { recordLoaded } from '../syndication/change-log';
import { sampleArticle, sampleRegions, sampleSources } from './sample-content';

/**
 * Loads the sample content into an empty database, all or nothing. A database that holds any
 * article or region is left alone, so a restart never duplicates or overwrites real content, and
 * of instances starting together on an empty database the first loads it and the others find it.
 */
export async function seedSampleIfEmpty(dataSource: DataSource, mediaBaseUrl: string): Promise<boolean> {
  return oneAtATime(dataSource, 'content-service sample', () =>
    dataSource.transaction(async (manager) => {
      const existing = (await manager.count(Article, { withDeleted: true })) + (await manager.count(Region));
      if (existing > 0) return false;
      await insertSample(manager, mediaBaseUrl);
      return true;
    }),
  );
}

async function insertSample(manager: EntityManager, mediaBaseUrl: string): Promise<void> {
  const now = new Date();
  const stamps = { createdAt: now, updatedAt: now };

  const regionIds = new Map<string, number>();
  for (const region of sampleRegions) {
    const saved = await manager.save(
      manager.create(Region, {
        code: region.code,
        name: region.name,
        kind: region.kind,
        parentId: region.parent ? regionIds.get(region.parent)! : null,
        ...stamps,
      }),
    );
    await addToClosure(new Tx(manager), [saved.rowId]);
    regionIds.set(region.code, saved.rowId);
  }

  const sourceIds = new Map<string, number>();
  for (const source of sampleSources) {
    const saved = await manager.save(
      manager.create(Source, {
        slug: source.slug,
        name: source.name,
        kind: source.kind,
        url: source.url,
        stateAffiliated: source.stateAffiliated,
        countryId: regionIds.get(source.country) ?? null,
        ...stamps,
      }),
    );
    sourceIds.set(source.slug, saved.rowId);
  }

  const a = sampleArticle;
  const article = await manager.save(
    manager.create(Article, {
      slug: a.slug,
      title: a.title,
      summary: null,
      body: a.body,
      language: a.language,
      label: a.label,
      byline: a.byline,
      status: a.status,
      version: 1,
      publishedAt: a.publishedAt,
      createdAt: a.publishedAt,
      updatedAt: a.publishedAt,
      deletedAt: null,
    }),
  );

  await manager.insert(
    ArticleSource,
    a.citations.map((citation, index) => ({
      articleId: article.rowId,
      sourceId: sourceIds.get(citation.source)!,
      position: index + 1,
      context: citation.context,
    })),
  );
  for (const [index, photo] of a.photos.entries()) {
    const saved = await manager.save(
      manager.create(Photo, {
        url: `${mediaBaseUrl}/media/${a.slug}/${photo.path}`,
        caption: null,
        altText: photo.altText,
        creditId: photo.credit ? sourceIds.get(photo.credit)! : null,
        creditLine: photo.creditLine,
        ...stamps,
      }),
    );
    await manager.insert(ArticlePhoto, { articleId: article.rowId, photoId: saved.rowId, position: index + 1 });
  }
  await manager.insert(
    ArticleRegion,
    a.regions.map((code) => ({ articleId: article.rowId, regionId: regionIds.get(code)! })),
  );
  await recordLoaded(manager, [article], now);
}
