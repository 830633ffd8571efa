import { newStemmer, Stemmer } from 'snowball-stemmers';

/**
 * How text becomes search terms: words (runs of letters and digits), lower-cased, without
 * diacritics (so "Chișinău", "Chişinău" and "Chisinau" are one word: ș and ş only differ in the
 * mark NFD splits off), then stemmed by the Snowball stemmer of the article's language ("sistemele"
 * and "sisteme" are "sistem"). PostgreSQL does the same with `unaccent` and its own Snowball
 * dictionaries (the search migration); on SQLite these functions make what FTS5 indexes and what
 * it is asked for (sqlite-search.ts), and on both they find the words a snippet marks (snippet.ts).
 * No stop words are dropped, on either database: a phrase like "state of emergency" matches the
 * same way everywhere.
 */

/** Languages with a stemmer, by BCP 47 primary subtag; any other language is matched word for word. */
export const STEMMED_LANGUAGES = { en: 'english', ro: 'romanian' } as const;

/** What decides how an article's text is indexed: a key of STEMMED_LANGUAGES, or 'simple'. */
export type SearchLanguage = keyof typeof STEMMED_LANGUAGES | 'simple';
export const SEARCH_LANGUAGES: readonly SearchLanguage[] = [
  ...(Object.keys(STEMMED_LANGUAGES) as SearchLanguage[]),
  'simple',
];

/** The search language of an article's BCP 47 tag ("ro-MD" → "ro", "pt-BR" → "simple"). */
export function searchLanguageOf(tag: string): SearchLanguage {
  const primary = tag.split('-', 1)[0].toLowerCase();
  return primary in STEMMED_LANGUAGES ? (primary as SearchLanguage) : 'simple';
}

/**
 * A word: letters and decimal digits, with the marks that go with them. Marks are part of the word
 * (text in decomposed form spells "ș" as "s" and a mark); other digits ("½", "²") are not words, as
 * PostgreSQL's parser does not take them for words either.
 */
const WORD = /[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*/gu;
const MARKS = /\p{M}/gu;
/** Letters that are not a letter and a mark, as PostgreSQL's `unaccent` spells them. */
const LETTERS: Record<string, string> = { ß: 'ss', ı: 'i', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** A word as it is compared: lower case, diacritics removed. */
export const foldWord = (word: string): string =>
  word
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPECIAL, (letter) => LETTERS[letter]);

/** The words of `text` with where each starts and ends, in order. */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    word: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

const stemmers = new Map<SearchLanguage, Stemmer | null>();

/** The stemmer of a search language; null for 'simple'. Made once: they hold no per-word state. */
function stemmerOf(language: SearchLanguage): Stemmer | null {
  let stemmer = stemmers.get(language);
  if (stemmer === undefined) {
    stemmer = language === 'simple' ? null : newStemmer(STEMMED_LANGUAGES[language]);
    stemmers.set(language, stemmer);
  }
  return stemmer;
}

/** The term a word is indexed and looked up under, in `language`. Numbers are not stemmed. */
export function termOf(word: string, language: SearchLanguage): string {
  const folded = foldWord(word);
  const stemmer = stemmerOf(language);
  return stemmer && !/\d/.test(folded) ? stemmer.stem(folded) : folded;
}

/** The terms of `text`, in order, separated by spaces: what SQLite's full-text index holds. */
export function termsOf(text: string | null, language: SearchLanguage): string {
  if (!text) return '';
  return wordsOf(text)
    .map(({ word }) => termOf(word, language))
    .join(' ');
}
