/** Text helpers the parsers and matchers share. */

/** Without diacritics (ș, ş, ă, î, ū…), with typographic apostrophes as "'": how names are compared. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'");
}

/** A URL-safe slug: "What’s happening in Kazakhstan?" → "whats-happening-in-kazakhstan". */
export function slugify(text: string): string {
  return fold(text)
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
    .replace(/-+$/, '');
}

/** Runs of spaces (no-break ones included) as one space, trimmed. */
export const squash = (text: string): string => text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** The sentences of a paragraph; an abbreviation such as "U.S." may split one, which costs nothing here. */
export function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?…][”"’)]?)\s+(?=[“"‘(]?\p{Lu})/u).filter((s) => s.trim());
}

/** The first `length` characters, for a report line. */
export const excerpt = (text: string, length = 60): string =>
  text.length <= length ? text : `${text.slice(0, length).trimEnd()}…`;
