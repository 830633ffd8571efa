import { createHash } from 'node:crypto';
import { MAX_BODY_BYTES } from '../article/article.input';
import { findCitations } from './attribution';
import { Gazetteer } from './gazetteer';
import { languageOf } from './language';
import type { Outlet, Outlets } from './outlets';
import type { ParsedDocument } from './parsed-document';
import { findPlaces } from './places';
import { excerpt, slugify } from './text';
import { badInput } from '../errors';

/** What was found but not linked, for an editor to decide. */
export interface Unresolved {
  kind: 'SOURCE' | 'REGION' | 'PHOTO_CREDIT';
  text: string;
  reason: string;
}

export interface PlannedPhoto {
  /** The page's image address, or a stable placeholder under the site's media path. */
  url: string;
  caption: string | null;
  altText: string | null;
  credit: Outlet | null;
  creditLine: string | null;
}

/** Everything the write needs, decided before the transaction opens. */
export interface ImportPlan {
  slug: string;
  title: string;
  body: string;
  language: string;
  label: string | null;
  byline: string[];
  citations: { outlet: Outlet; context: string; via: Outlet | null }[];
  regions: string[];
  photos: PlannedPhoto[];
  /** When the page says it was first published; null when it does not (it is then published as imported). */
  publishedAt: Date | null;
  unresolved: Unresolved[];
  flags: string[];
  boilerplate: number;
}

/**
 * Links a parsed page to the curated outlets and the gazetteer. The slug, derived from the title, is
 * the page's identity: importing the same page again finds the same article, and an editor's later
 * correction of the body (which would change a content hash) still updates it instead of making a
 * second one.
 */
export function planImport(
  doc: ParsedDocument,
  outlets: Outlets,
  gazetteer: Gazetteer,
  mediaBaseUrl: string,
): ImportPlan {
  const title = doc.title.trim();
  if (!title) {
    throw badInput('document', 'The page has no title this importer can find; put the headline on a line of its own.');
  }
  if (title.length > 500) {
    throw badInput(
      'document',
      `The headline is ${title.length} characters, over 500: is "${excerpt(title)}" the headline?`,
    );
  }
  // A title in a script without Latin letters still needs a stable slug: one from its hash.
  const slug = slugify(title) || `article-${createHash('sha256').update(title).digest('hex').slice(0, 12)}`;
  if (!doc.paragraphs.length) {
    throw badInput('document', `"${title}" has no body paragraphs once the site's chrome is left out.`);
  }
  const body = doc.paragraphs.join('\n\n');
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw badInput('document', `The body of "${title}" is over ${MAX_BODY_BYTES} bytes; is this one article?`);
  }
  const flags = [...doc.flags];
  const detected = languageOf(doc.declaredLanguage, [title, ...doc.paragraphs].join('\n'));
  if (!detected) flags.push('The language could not be told; it is recorded as "und" (undetermined).');
  const language = detected ?? 'und';
  const publishedAt = publicationTime(doc.publishedAt, flags);

  const unresolved: Unresolved[] = [];
  const found = findCitations(doc.paragraphs, outlets);
  const citations: ImportPlan['citations'] = [];
  for (const citation of found.citations) {
    if (!citations.some((c) => c.outlet.slug === citation.outlet.slug)) citations.push(citation);
  }
  for (const { name, context } of found.unknown) {
    unresolved.push({ kind: 'SOURCE', text: name, reason: `not an outlet of the curated list (in "${context}")` });
  }

  const places = findPlaces([title, ...doc.paragraphs], language, gazetteer, outlets);
  for (const { name, codes } of places.ambiguous) {
    unresolved.push({ kind: 'REGION', text: name, reason: `ambiguous: could be ${codes.join(', ')}` });
  }

  const photos = doc.photos.map((photo, index): PlannedPhoto => {
    // "Getty Images", or an agency within a longer credit ("Inquam Photos / Octav Ganea").
    const credit = photo.credit ? (outlets.named(photo.credit) ?? outlets.find(photo.credit)[0]?.outlet ?? null) : null;
    if (photo.credit && !credit) {
      unresolved.push({
        kind: 'PHOTO_CREDIT',
        text: photo.credit,
        reason: 'not an outlet of the curated list; the credit line is kept as printed',
      });
    }
    const file = slugify(photo.caption ?? '') || `photo-${index + 1}`;
    return {
      url: absolute(photo.url, mediaBaseUrl) ?? `${mediaBaseUrl}/media/${slug}/${file}.jpg`,
      caption: photo.caption,
      altText: photo.altText,
      credit,
      creditLine: photo.creditLine,
    };
  });

  return {
    slug,
    title,
    body,
    language,
    // The columns' limits (article.input.ts): a page's meta tags can say more than a label or a name.
    label: doc.label && doc.label.slice(0, 200),
    byline: doc.byline.slice(0, 20).map((name) => name.slice(0, 200)),
    citations,
    regions: places.codes,
    photos,
    publishedAt,
    unresolved,
    flags,
    boilerplate: doc.boilerplate,
  };
}

/**
 * The page's publication time, so that an archive keeps its dates (and its order on every list)
 * instead of every page looking published the day it was imported. One that is no date, or is in
 * the future (a page cannot have been published later than now), is flagged and not used.
 */
function publicationTime(printed: string | null, flags: string[]): Date | null {
  if (!printed) return null;
  const time = new Date(printed);
  const year = time.getUTCFullYear();
  if (Number.isNaN(time.getTime()) || year < 1800 || time.getTime() > Date.now()) {
    flags.push(`The page's publication time "${excerpt(printed)}" is not a past date; it was left out.`);
    return null;
  }
  return time;
}

/** A page's image address made absolute against the site; one that is not http(s) is no address. */
function absolute(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, `${base}/`);
    return ['http:', 'https:'].includes(resolved.protocol) && resolved.href.length <= 2048 ? resolved.href : null;
  } catch {
    return null;
  }
}
