/** What a parser makes of a page, before anything is looked up or written. */

export interface ParsedPhoto {
  /** The image address when the page gives one (HTML, ninjs); a text page gives none. */
  url: string | null;
  caption: string | null;
  altText: string | null;
  /** The credited name as printed after "Photo source:" etc.; null when the credit is empty. */
  credit: string | null;
  /** The credit line as printed ("Photo source: TASS"); null when there is none or it names no one. */
  creditLine: string | null;
}

export interface ParsedDocument {
  title: string;
  label: string | null;
  byline: string[];
  paragraphs: string[];
  photos: ParsedPhoto[];
  /** A language the page declares (HTML lang, ninjs language); otherwise it is detected. */
  declaredLanguage: string | null;
  /**
   * When the page says it was first published, as it prints it (HTML article:published_time or
   * <time datetime>, ninjs firstcreated); a plain-text page gives none.
   */
  publishedAt: string | null;
  /** What an editor should look at: fragments, a language that could not be told. */
  flags: string[];
  /** How many lines were left out as the site's chrome (banners, promotions, footers, placeholders). */
  boilerplate: number;
}

/** A unit of a page in reading order, as the HTML and text parsers both produce it. */
export type Unit =
  | { kind: 'text'; text: string }
  | { kind: 'heading'; text: string; level: number }
  | { kind: 'caption'; text: string }
  | { kind: 'image'; url: string | null; alt: string | null };
