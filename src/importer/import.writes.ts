import { In } from 'typeorm';
import { ArticlePhoto, ArticleRegion, ArticleSource } from '../article/article-links.entity';
import { Article, ArticleStatus } from '../article/article.entity';
import { insertArticle, setStatus, updateArticle } from '../article/article.writes';
import { EditKind } from '../db/edits';
import type { Tx } from '../db/transaction';
import { DomainError, ErrorCode } from '../errors';
import { toGlobalId } from '../node/global-id';
import { Photo } from '../photo/photo.entity';
import { addToClosure } from '../region/region-closure.writes';
import { Region } from '../region/region.entity';
import { Source } from '../source/source.entity';
import type { Gazetteer } from './gazetteer';
import type { ImportPlan, PlannedPhoto } from './import-plan';
import type { Outlet } from './outlets';

/** A record the import created or linked, as the report names it. */
export interface ReportEntry {
  type: 'Article' | 'Source' | 'Photo' | 'Region';
  id: string;
  name: string;
  note: string | null;
}

export type ImportAction = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface AppliedImport {
  article: Article;
  action: ImportAction;
  created: ReportEntry[];
  linked: ReportEntry[];
  /** What an editor should know about the write itself. */
  flags: string[];
}

/**
 * Writes a plan inside the caller's transaction. Sources and regions are found by slug and code
 * (a curated outlet or gazetteer place missing from the database is created, with the regions above
 * it); the article is found by slug and written through article.writes, so the change feed logs it;
 * its photos are found by address among the article's own photos, so a second import updates them
 * instead of adding copies. Nothing is written when nothing differs.
 */
export async function applyImport(
  tx: Tx,
  plan: ImportPlan,
  publish: boolean,
  gazetteer: Gazetteer,
  now: Date,
): Promise<AppliedImport> {
  const created: ReportEntry[] = [];
  const linked: ReportEntry[] = [];
  const regionIds = new Map<string, number>();
  const sourceIds = new Map<string, number>();

  async function region(code: string): Promise<number | null> {
    if (regionIds.has(code)) return regionIds.get(code)!;
    let parentId: number | null = null;
    let rowId: number | null = null;
    for (const place of gazetteer.lineage(code).reverse()) {
      const existing = await tx.manager.findOneBy(Region, { code: place.code });
      if (existing) {
        rowId = existing.rowId;
      } else {
        const row: Region = await tx.insertRow(Region, {
          code: place.code,
          name: place.name,
          kind: place.kind,
          parentId,
          createdAt: now,
          updatedAt: now,
        });
        rowId = row.rowId;
        await addToClosure(tx, [rowId]);
        created.push(entry('Region', rowId, `${place.name} (${place.code})`, parentId ? null : 'top level'));
      }
      regionIds.set(place.code, rowId);
      parentId = rowId;
    }
    return rowId;
  }

  async function source(outlet: Outlet): Promise<number> {
    if (sourceIds.has(outlet.slug)) return sourceIds.get(outlet.slug)!;
    const existing =
      (await tx.manager.findOneBy(Source, { slug: outlet.slug })) ??
      (await tx.manager.findOneBy(Source, { name: outlet.name }));
    let rowId = existing?.rowId;
    if (rowId === undefined) {
      const row: Source = await tx.insertRow(Source, {
        slug: outlet.slug,
        name: outlet.name,
        kind: outlet.kind,
        url: outlet.url,
        stateAffiliated: outlet.stateAffiliated,
        countryId: await region(outlet.country),
        createdAt: now,
        updatedAt: now,
      });
      rowId = row.rowId;
      created.push(entry('Source', rowId, outlet.name, 'from the curated outlets'));
    }
    sourceIds.set(outlet.slug, rowId);
    return rowId;
  }

  const citedIds: number[] = [];
  for (const citation of plan.citations) {
    citedIds.push(await source(citation.outlet));
    const note = citation.via ? `cited via ${citation.via.name}: "${citation.context}"` : `"${citation.context}"`;
    linked.push(entry('Source', sourceIds.get(citation.outlet.slug)!, citation.outlet.name, note));
  }
  const placeIds: number[] = [];
  for (const code of plan.regions) {
    const rowId = (await region(code))!;
    placeIds.push(rowId);
    linked.push(entry('Region', rowId, `${gazetteer.place(code)!.name} (${code})`, null));
  }

  const existing = await tx.manager.findOneBy(Article, { slug: plan.slug });
  if (existing?.deletedAt) {
    throw new DomainError(
      ErrorCode.Conflict,
      `The article "${plan.slug}" was deleted; an import does not bring it back. Restore it, or change the page's title.`,
      'document',
    );
  }
  const photoIds = await writePhotos(tx, plan.photos, existing, source, now, created, linked);
  const links = {
    sourceIds: citedIds,
    sourceContexts: plan.citations.map((c) => c.context),
    photoIds,
    regionIds: placeIds,
  };
  const fields = {
    title: plan.title,
    body: plan.body,
    language: plan.language,
    label: plan.label,
    byline: plan.byline,
  };

  const flags: string[] = [];
  if (existing?.publishedAt && plan.publishedAt && existing.publishedAt.getTime() !== plan.publishedAt.getTime()) {
    flags.push(
      `The article was first published at ${existing.publishedAt.toISOString()}; an import does not change that date.`,
    );
  }
  let action: ImportAction;
  let rowId: number;
  if (!existing) {
    rowId = (await insertArticle(tx, { slug: plan.slug, ...fields }, links, now)).rowId;
    action = 'CREATED';
    created.push(entry('Article', rowId, plan.title, null));
  } else {
    rowId = existing.rowId;
    const same = sameFields(existing, fields) && (await sameLinks(tx, rowId, links));
    if (!same) await updateArticle(tx, rowId, existing.version, fields, links, now);
    action = same ? 'UNCHANGED' : 'UPDATED';
  }
  if (publish && existing?.status !== ArticleStatus.PUBLISHED) {
    await setStatus(tx, rowId, ArticleStatus.PUBLISHED, now, plan.publishedAt ?? now);
    if (action === 'UNCHANGED') action = 'UPDATED';
  }
  return { article: await tx.manager.findOneByOrFail(Article, { rowId }), action, created, linked, flags };
}

async function writePhotos(
  tx: Tx,
  photos: PlannedPhoto[],
  article: Article | null,
  source: (outlet: Outlet) => Promise<number>,
  now: Date,
  created: ReportEntry[],
  linked: ReportEntry[],
): Promise<number[]> {
  const links = article ? await tx.manager.findBy(ArticlePhoto, { articleId: article.rowId }) : [];
  const current = links.length ? await tx.manager.findBy(Photo, { rowId: In(links.map((l) => l.photoId)) }) : [];
  const ids: number[] = [];
  for (const planned of photos) {
    const values = {
      caption: planned.caption,
      altText: planned.altText,
      creditId: planned.credit ? await source(planned.credit) : null,
      creditLine: planned.creditLine,
    };
    const name = planned.caption ?? planned.url.split('/').pop()!;
    const credit = planned.credit ? `credited to ${planned.credit.name}` : 'no credit';
    const photo = current.find((p) => p.url === planned.url && !ids.includes(p.rowId));
    if (!photo) {
      const row: Photo = await tx.insertRow(Photo, {
        url: planned.url,
        ...values,
        copyrightHolder: null,
        copyrightNotice: null,
        usageTerms: null,
        licenseUrl: null,
        syndicationAllowed: false,
        createdAt: now,
        updatedAt: now,
      });
      ids.push(row.rowId);
      created.push(entry('Photo', row.rowId, name, credit));
      continue;
    }
    ids.push(photo.rowId);
    if (Object.entries(values).some(([key, value]) => photo[key as keyof typeof values] !== value)) {
      await tx.manager.update(Photo, { rowId: photo.rowId }, { ...values, updatedAt: now });
      tx.edited('Photo', photo.rowId, EditKind.UPDATED);
    }
    linked.push(entry('Photo', photo.rowId, name, credit));
  }
  return ids;
}

function sameFields(
  article: Article,
  fields: Pick<Article, 'title' | 'body' | 'language' | 'label' | 'byline'>,
): boolean {
  return (
    article.title === fields.title &&
    article.body === fields.body &&
    article.language === fields.language &&
    article.label === fields.label &&
    JSON.stringify(article.byline) === JSON.stringify(fields.byline)
  );
}

async function sameLinks(
  tx: Tx,
  articleId: number,
  links: { sourceIds: number[]; sourceContexts: string[]; photoIds: number[]; regionIds: number[] },
): Promise<boolean> {
  const sources = await tx.manager.find(ArticleSource, { where: { articleId }, order: { position: 'ASC' } });
  const photos = await tx.manager.find(ArticlePhoto, { where: { articleId }, order: { position: 'ASC' } });
  const regions = await tx.manager.findBy(ArticleRegion, { articleId });
  const key = (values: unknown[]) => JSON.stringify(values);
  return (
    key(sources.map((s) => [s.sourceId, s.context])) ===
      key(links.sourceIds.map((id, i) => [id, links.sourceContexts[i]])) &&
    key(photos.map((p) => p.photoId)) === key(links.photoIds) &&
    key(regions.map((r) => r.regionId).sort((a, b) => a - b)) === key([...links.regionIds].sort((a, b) => a - b))
  );
}

const entry = (type: ReportEntry['type'], rowId: number, name: string, note: string | null): ReportEntry => ({
  type,
  id: toGlobalId(type, rowId),
  name,
  note,
});
