import { badInput } from '../errors';
import type { ParsedDocument, ParsedPhoto } from './parsed-document';
import { parseHtml } from './parse-html';
import { parseText } from './parse-text';
import { squash } from './text';

/** The fields of IPTC ninjs (1.x and 2.x/3.x spellings) this importer reads. */
interface Ninjs {
  headline?: string;
  headlines?: { value?: string }[];
  byline?: string;
  bylines?: { byline?: string }[];
  language?: string;
  firstcreated?: string;
  versioncreated?: string;
  body_text?: string;
  body_html?: string;
  bodies?: { contenttype?: string; value?: string }[];
  genre?: { name?: string }[];
  associations?: Record<string, NinjsPicture> | NinjsPicture[];
}

interface NinjsPicture {
  type?: string;
  uri?: string;
  headline?: string;
  description_text?: string;
  descriptions?: { value?: string }[];
  body_text?: string;
  creditline?: string;
  copyrightholder?: string;
  by?: string;
  renditions?: Record<string, { href?: string }>;
}

/**
 * An IPTC ninjs document: the headline, bylines and language are taken as given, the body is read
 * as HTML or text like a page (so boilerplate and attributions are treated the same), and picture
 * associations become photos with their address, caption and credit.
 */
export function parseNinjs(document: string): ParsedDocument {
  let ninjs: Ninjs;
  try {
    ninjs = JSON.parse(document) as Ninjs;
  } catch (error) {
    throw badInput('document', `The document is not JSON (${(error as Error).message}); ninjs is a JSON object.`);
  }
  if (typeof ninjs !== 'object' || ninjs === null || Array.isArray(ninjs)) {
    throw badInput('document', 'A ninjs document is a JSON object with at least a headline and a body.');
  }
  const html = ninjs.body_html ?? ninjs.bodies?.find((b) => b.contenttype?.includes('html'))?.value;
  const text = ninjs.body_text ?? ninjs.bodies?.find((b) => !b.contenttype?.includes('html'))?.value;
  const doc = html ? parseHtml(html) : parseText(text ?? '');
  const headline = ninjs.headline ?? ninjs.headlines?.[0]?.value;
  if (headline) {
    // The body has no title line of its own: what the parser took for one is the first paragraph.
    if (doc.title && doc.title !== squash(headline)) doc.paragraphs.unshift(doc.title);
    doc.title = squash(headline);
  }
  const bylines = ninjs.bylines?.map((b) => b.byline ?? '') ?? (ninjs.byline ? [ninjs.byline] : []);
  if (bylines.some((b) => b.trim())) doc.byline = bylines.map(squash).filter(Boolean);
  doc.label = ninjs.genre?.[0]?.name ?? doc.label;
  doc.declaredLanguage = ninjs.language ?? null;
  doc.publishedAt = ninjs.firstcreated ?? ninjs.versioncreated ?? null;
  const pictures = Array.isArray(ninjs.associations) ? ninjs.associations : Object.values(ninjs.associations ?? {});
  doc.photos.push(...pictures.filter((p) => !p.type || ['picture', 'image', 'graphic'].includes(p.type)).map(photoOf));
  return doc;
}

function photoOf(picture: NinjsPicture): ParsedPhoto {
  const renditions = Object.values(picture.renditions ?? {});
  const caption =
    picture.description_text ?? picture.descriptions?.[0]?.value ?? picture.headline ?? picture.body_text ?? null;
  const credit = picture.creditline ?? picture.copyrightholder ?? picture.by ?? null;
  return {
    url: renditions.find((r) => r.href)?.href ?? picture.uri ?? null,
    caption: caption && squash(caption),
    altText: caption && squash(caption),
    credit: credit && squash(credit),
    creditLine: credit && squash(credit),
  };
}
