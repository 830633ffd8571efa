import { createHash } from 'node:crypto';
import { MAX_BODY_BYTES, MAX_LINKS } from '../article/article.input';
import { findCitations } from './attribution';
import { Gazetteer } from './gazetteer';
import { languageOf } from './language';
import type { Outlet, Outlets } from './outlets';
import type { ParsedDocument } from './parsed-document';
import { findPlaces } from './places';
import { readPublicationTime } from './publication-time';
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

  // The API's bound on an article's links (article.input.ts), which a page must keep to as well.
  for (const [what, count] of [
    ['photos', doc.photos.length],
    ['cited outlets', citations.length],
    ['places', places.codes.length],
  ] as const) {
    if (count > MAX_LINKS) {
      throw badInput('document', `"${excerpt(title)}" has ${count} ${what}, over ${MAX_LINKS}; is this one article?`);
    }
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
      caption: bounded(photo.caption, 2000, `Photo ${index + 1}'s caption`, flags),
      altText: bounded(photo.altText, 2000, `Photo ${index + 1}'s alt text`, flags),
      credit,
      creditLine: bounded(photo.creditLine, 500, `Photo ${index + 1}'s credit line`, flags),
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
 * instead of every page looking published the day it was imported. One that is no ISO 8601 time,
 * or one no article can have (publication-time.ts), is flagged and left out.
 */
function publicationTime(printed: string | null, flags: string[]): Date | null {
  if (!printed) return null;
  const time = readPublicationTime(printed);
  if (typeof time === 'string') {
    flags.push(`The page's publication time "${excerpt(printed)}" ${time}; it was left out.`);
    return null;
  }
  return time;
}

/**
 * A photo's text as the API bounds it (photo.input.ts): a page may have an alt text of 20,000
 * characters, which no editor could have typed; it is cut, and the cut flagged.
 */
function bounded(value: string | null, max: number, what: string, flags: string[]): string | null {
  if (value === null || value.length <= max) return value;
  flags.push(`${what} was ${value.length} characters; it was cut to ${max}.`);
  return `${value.slice(0, max - 1)}…`;
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
