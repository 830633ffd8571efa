import type { ParsedDocument, ParsedPhoto, Unit } from './parsed-document';
import { excerpt, squash } from './text';

/**
 * Turns the units of a page (text or HTML) into title, label, byline, body paragraphs and photos.
 * The rules are about how news pages are built, not about one page: a line repeating one phrase is
 * a banner; "#Label / Name" is the label and byline; a "Photo source:" / "Sursa foto:" / "Foto:"
 * line credits the picture whose caption is the short line above it; a "click here" line is a
 * promotion; a "Read more" / "#Te-ar mai putea interesa și" heading starts the related-links footer.
 */

const CREDIT =
  /^(?:photo(?: source| credit)?|image(?: source| credit)?|picture|sursa foto|sursă foto|credit foto|foto|fotografie|credit)\s*:\s*(.*)$/iu;
const META = /^#\s*([^/#]{1,80}?)\s*\/\s*(\S.{0,150})$/u;
const BY =
  /^(?:by|de|author|autor|text(?: de)?)\s*:?\s+(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}(?:\s*(?:,|and|și|si|&)\s*\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3})*)$/iu;
const FOOTER =
  /^#?\s*(?:te-ar mai putea interesa|citește și|citeste si|citește mai mult|mai multe știri|read more|read also|related(?: articles| stories| content)?|you may also like|more from|more stories|recommended)\b/iu;
const PROMO =
  /\b(?:click here|click aici|apasă aici|apasa aici|dă click|da click|subscribe to|sign up for our|abonează-te|aboneaza-te|follow us on|urmărește-ne)\b/iu;
const PLACEHOLDER = /^[[(]?\s*(?:image|photo|picture|foto|imagine|img|video|galerie|gallery)(?:\s*\d+)?\s*[\])]?$/iu;
const TERMINAL = /[.!?…:;"”’»)\]]$/u;

export function structure(units: Unit[], declaredLanguage: string | null): ParsedDocument {
  const counts = new Map<string, number>();
  for (const unit of units) if (unit.kind === 'text') counts.set(unit.text, (counts.get(unit.text) ?? 0) + 1);

  const doc: ParsedDocument = {
    title: '',
    label: null,
    byline: [],
    paragraphs: [],
    photos: [],
    declaredLanguage,
    publishedAt: null,
    flags: [],
    boilerplate: 0,
  };
  /** The last photo, while only its caption or credit may still follow. */
  let open: ParsedPhoto | null = null;
  /** Indices of paragraphs that were subheadings. */
  const headings = new Set<number>();
  /** Whether the last paragraph could be the caption of a credit line that follows it. */
  let captionCandidate = false;

  for (const unit of units) {
    if (unit.kind === 'image') {
      open = { url: unit.url, caption: null, altText: unit.alt, credit: null, creditLine: null };
      doc.photos.push(open);
      captionCandidate = false;
      continue;
    }
    const text = squash(unit.text);
    if (!text) continue;
    if (FOOTER.test(text)) {
      doc.boilerplate += 1;
      break;
    }
    if (isBanner(text) || (counts.get(unit.text) ?? 0) >= 3 || PLACEHOLDER.test(text) || isPromo(text)) {
      doc.boilerplate += 1;
      continue;
    }
    const credit = CREDIT.exec(text);
    if (credit && text.length <= 200) {
      const name = squash(credit[1]).replace(/[.;]+$/, '') || null;
      let photo = open && open.credit === null && open.creditLine === null ? open : null;
      if (!photo) {
        photo = { url: null, caption: null, altText: null, credit: null, creditLine: null };
        if (captionCandidate) photo.caption = photo.altText = doc.paragraphs.pop()!;
        doc.photos.push(photo);
      }
      photo.credit = name;
      photo.creditLine = name ? text : null;
      open = null;
      captionCandidate = false;
      continue;
    }
    if (unit.kind === 'caption' && open) {
      open.caption = open.caption ? `${open.caption} ${text}` : text;
      continue;
    }
    const meta = !doc.paragraphs.length || !doc.title ? (META.exec(text) ?? null) : null;
    if (meta && !doc.label && !doc.byline.length) {
      doc.label = squash(meta[1]);
      doc.byline = names(meta[2]);
      continue;
    }
    const by = doc.paragraphs.length === 0 && text.length <= 80 ? BY.exec(text) : null;
    if (by && !doc.byline.length) {
      doc.byline = names(by[1]);
      continue;
    }
    if (!doc.title && (unit.kind === 'heading' || text.length <= 200)) {
      doc.title = text;
      continue;
    }
    open = null;
    if (unit.kind === 'heading') headings.add(doc.paragraphs.length);
    doc.paragraphs.push(text);
    captionCandidate = isCaptionLike(text);
  }
  flagFragments(doc, headings);
  return doc;
}

/** "X! X! X!": one phrase said again and again, as site banners and tickers do. */
function isBanner(text: string): boolean {
  return text.length <= 2000 && /^(.{4,}?)(?:\s*\1){1,}$/u.test(text);
}

/** A line that is a unit of its own even inside a block of lines (a credit, a byline, a banner). */
export function standsAlone(line: string): boolean {
  const text = squash(line);
  return [CREDIT, META, FOOTER, PLACEHOLDER].some((rule) => rule.test(text)) || isBanner(text) || isPromo(text);
}

/** A short line that asks the reader to click, subscribe or follow: the site's, not the article's. */
const isPromo = (text: string): boolean => text.length <= 300 && PROMO.test(text);

/** A caption is short and is not a sentence: it has no closing punctuation. */
const isCaptionLike = (text: string): boolean => text.length <= 150 && !TERMINAL.test(text);

/** "Ana Pop, Ion Ionescu și Maria Rus" → three names. */
const names = (text: string): string[] =>
  text
    .split(/\s*(?:,|;|&|\band\b|\bși\b|\bsi\b)\s*/u)
    .map(squash)
    .filter(Boolean);

/** Paragraphs cut off at the start or the end are kept (they carry facts) and named for an editor. */
function flagFragments(doc: ParsedDocument, headings: Set<number>): void {
  doc.paragraphs.forEach((paragraph, index) => {
    // A subheading is not a sentence.
    if (headings.has(index)) return;
    const position = `Paragraph ${index + 1}`;
    if (/^[\p{Ll},;)\]…]|^\.\.\./u.test(paragraph)) {
      doc.flags.push(`${position} starts mid-sentence: "${excerpt(paragraph)}"`);
    }
    if (!TERMINAL.test(paragraph)) doc.flags.push(`${position} ends mid-sentence: "…${paragraph.slice(-50)}"`);
  });
}
