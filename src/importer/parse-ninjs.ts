import { badInput } from '../errors';
import type { ParsedDocument, ParsedPhoto } from './parsed-document';
import { parseHtml } from './parse-html';
import { parseText } from './parse-text';
import { squash } from './text';

/**
 * The fields of IPTC ninjs (1.x and 2.x/3.x spellings) this importer reads, each checked for its
 * JSON type as it is read (a document is input from anywhere): a field of the wrong type is a
 * BAD_USER_INPUT that names it, never a crash or a guess. Fields it does not read are not checked.
 */
type Json = Record<string, unknown>;

/**
 * An IPTC ninjs document: the headline, bylines and language are taken as given, the body is read
 * as HTML or text like a page (so boilerplate and attributions are treated the same), and picture
 * associations become photos with their address, caption and credit.
 */
export function parseNinjs(document: string): ParsedDocument {
  let ninjs: unknown;
  try {
    ninjs = JSON.parse(document);
  } catch (error) {
    throw badInput('document', `The document is not JSON (${(error as Error).message}); ninjs is a JSON object.`);
  }
  if (!isObject(ninjs)) {
    throw badInput('document', 'A ninjs document is a JSON object with at least a headline and a body.');
  }
  const bodies = objects(ninjs.bodies, 'bodies');
  const body = (html: boolean) =>
    bodies.find((b, i) => (text(b.contenttype, `bodies[${i}].contenttype`) ?? '').includes('html') === html)?.value;
  const html = text(ninjs.body_html, 'body_html') ?? text(body(true), 'bodies[].value');
  const plain = text(ninjs.body_text, 'body_text') ?? text(body(false), 'bodies[].value');
  const doc = html ? parseHtml(html) : parseText(plain ?? '');
  const headline =
    text(ninjs.headline, 'headline') ?? text(objects(ninjs.headlines, 'headlines')[0]?.value, 'headlines[0].value');
  if (headline) {
    // The body has no title line of its own: what the parser took for one is the first paragraph.
    if (doc.title && doc.title !== squash(headline)) doc.paragraphs.unshift(doc.title);
    doc.title = squash(headline);
  }
  const bylines =
    ninjs.bylines === undefined || ninjs.bylines === null
      ? [text(ninjs.byline, 'byline')].filter((b) => b !== undefined)
      : objects(ninjs.bylines, 'bylines').map((b, i) => text(b.byline, `bylines[${i}].byline`) ?? '');
  if (bylines.some((b) => b.trim())) doc.byline = bylines.map(squash).filter(Boolean);
  doc.label = text(objects(ninjs.genre, 'genre')[0]?.name, 'genre[0].name') ?? doc.label;
  doc.declaredLanguage = text(ninjs.language, 'language') ?? null;
  doc.publishedAt = text(ninjs.firstcreated, 'firstcreated') ?? text(ninjs.versioncreated, 'versioncreated') ?? null;
  const associations = ninjs.associations;
  const pictures =
    associations === undefined || associations === null
      ? []
      : Array.isArray(associations)
        ? objects(associations, 'associations')
        : isObject(associations)
          ? objects(Object.values(associations), 'associations')
          : wrongType('associations', 'an object or an array of objects', associations);
  doc.photos.push(
    ...pictures
      .map((picture, i) => ({ picture, type: text(picture.type, `associations[${i}].type`) }))
      .filter(({ type }) => !type || ['picture', 'image', 'graphic'].includes(type))
      .map(({ picture }, i) => photoOf(picture, `associations[${i}]`)),
  );
  return doc;
}

function photoOf(picture: Json, at: string): ParsedPhoto {
  const renditions = isObject(picture.renditions) ? objects(Object.values(picture.renditions), `${at}.renditions`) : [];
  const caption =
    text(picture.description_text, `${at}.description_text`) ??
    text(objects(picture.descriptions, `${at}.descriptions`)[0]?.value, `${at}.descriptions[0].value`) ??
    text(picture.headline, `${at}.headline`) ??
    text(picture.body_text, `${at}.body_text`) ??
    null;
  const credit =
    text(picture.creditline, `${at}.creditline`) ??
    text(picture.copyrightholder, `${at}.copyrightholder`) ??
    text(picture.by, `${at}.by`) ??
    null;
  const href = renditions.map((r, i) => text(r.href, `${at}.renditions[${i}].href`)).find(Boolean);
  return {
    url: href ?? text(picture.uri, `${at}.uri`) ?? null,
    caption: caption && squash(caption),
    altText: caption && squash(caption),
    credit: credit && squash(credit),
    creditLine: credit && squash(credit),
  };
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field: absent (undefined or null) is undefined; any other type is refused. */
function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : wrongType(field, 'a string', value);
}

/** A list of objects: absent is empty; anything else, or an element that is not an object, is refused. */
function objects(value: unknown, field: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return wrongType(field, 'an array of objects', value);
  return value.map((item, i) => (isObject(item) ? item : wrongType(`${field}[${i}]`, 'an object', item)));
}

function wrongType(field: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  throw badInput('document', `The ninjs field "${field}" must be ${expected}, not ${got}.`);
}
