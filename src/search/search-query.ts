import { badInput } from '../errors';
import { foldWord, SearchLanguage, termOf, wordsOf } from './search-text';

/** Longer queries are pasted text, not searches; both bounds keep one query's work small. */
export const MAX_QUERY_CHARACTERS = 300;
export const MAX_QUERY_WORDS = 10;

/** Words that must stand next to each other, in order: one word, a "quoted phrase", or a hyphenated word. */
export interface Phrase {
  readonly words: readonly string[];
}

/**
 * A reader's query, in the syntax of PostgreSQL's `websearch_to_tsquery` (what a search box
 * accepts): words all must match; "quoted words" match as a phrase; `-word` or `-"phrase"`
 * excludes; `or` between two of them matches either. `required` holds the alternatives of each
 * condition (most have one).
 */
export interface SearchQuery {
  readonly text: string;
  readonly required: readonly (readonly Phrase[])[];
  readonly excluded: readonly Phrase[];
}

/** Quoted phrases (the closing quote may be missing) or runs of anything but space and quotes. */
const PIECE = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;

/**
 * Reads a query; BAD_USER_INPUT when it is too long or has nothing to look for (only exclusions,
 * or no word at all), in words that say what to change.
 */
export function parseSearchQuery(text: string): SearchQuery {
  if (text.length > MAX_QUERY_CHARACTERS) {
    throw badInput('query', `query must be at most ${MAX_QUERY_CHARACTERS} characters; search for fewer words.`);
  }
  const required: Phrase[][] = [];
  const excluded: Phrase[] = [];
  let joinNext = false;
  let count = 0;
  for (const match of text.matchAll(PIECE)) {
    const quoted = match[2] !== undefined;
    const raw = quoted ? match[2] : match[4];
    const negated = (quoted ? match[1] : match[3]) === '-';
    if (!quoted && !negated && foldWord(raw) === 'or') {
      joinNext = required.length > 0;
      continue;
    }
    const words = wordsOf(raw).map(({ word }) => word);
    if (words.length === 0) continue;
    count += words.length;
    if (negated) excluded.push({ words });
    else if (joinNext) required[required.length - 1].push({ words });
    else required.push([{ words }]);
    joinNext = false;
  }
  if (count > MAX_QUERY_WORDS) {
    throw badInput('query', `query must have at most ${MAX_QUERY_WORDS} words; search for fewer.`);
  }
  if (required.length === 0) {
    throw badInput(
      'query',
      excluded.length
        ? 'query only excludes words; add a word to look for, e.g. "gas -russia".'
        : 'query has no word to look for; give one or more words, e.g. "Chisinau gas".',
    );
  }
  return { text, required, excluded };
}

/**
 * The query as `websearch_to_tsquery` should read it: what parseSearchQuery understood, written out
 * in that syntax (each phrase quoted, `or` only between alternatives, `-` before exclusions), so
 * PostgreSQL and SQLite look for the same words. Passing the reader's text through as typed, the
 * two disagreed: PostgreSQL reads "gas or -oil" as "gas, or anything without oil".
 */
export function websearchText(query: SearchQuery): string {
  const phrase = ({ words }: Phrase) => `"${words.join(' ')}"`;
  return [
    ...query.required.map((alternatives) => alternatives.map(phrase).join(' or ')),
    ...query.excluded.map((excluded) => `-${phrase(excluded)}`),
  ].join(' ');
}

/** The terms a hit in `language` may contain for the query: what its snippet marks. */
export function wantedTerms(query: SearchQuery, language: SearchLanguage): Set<string> {
  return new Set(query.required.flat().flatMap((phrase) => phrase.words.map((word) => termOf(word, language))));
}
