import type { SqliteFunction } from '../db/data-source';
import { Phrase, SearchQuery } from './search-query';
import { SEARCH_LANGUAGES, searchLanguageOf, termOf, termsOf } from './search-text';

/**
 * SQLite's full-text search: an FTS5 table `article_search(lang, title, summary, body)` whose rowid
 * is the article's, holding the article's search language and its terms (search-text.ts). FTS5
 * has no stemmer for Romanian, so the terms are made here, by the functions below, which the
 * search migration's triggers on `article` call: the index changes in the same transaction as
 * every write of an article, whoever writes it. Its `unicode61 remove_diacritics 2` tokenizer
 * then only splits the terms on spaces.
 */
export const sqliteSearchFunctions: readonly SqliteFunction[] = [
  { name: 'content_search_language', call: (tag: string) => searchLanguageOf(tag) },
  { name: 'content_search_terms', call: (tag: string, text: string | null) => termsOf(text, searchLanguageOf(tag)) },
];

/** bm25 weights of the table's columns, in order: the language tag counts for nothing, a title hit most. */
export const BM25_WEIGHTS = [0, 10, 4, 1] as const;

/**
 * The FTS5 MATCH expression of a query: for each search language, its articles (`lang : ro`)
 * whose text has the query's words as that language stems them. Each term is quoted, so no word of
 * the reader's is ever read as FTS5 syntax (terms are letters and digits only).
 */
export function ftsMatch(query: SearchQuery): string {
  return SEARCH_LANGUAGES.map((language) => {
    const phrase = ({ words }: Phrase) => `"${words.map((word) => termOf(word, language)).join(' ')}"`;
    const required = query.required
      .map((alternatives) =>
        alternatives.length === 1 ? phrase(alternatives[0]) : `(${alternatives.map(phrase).join(' OR ')})`,
      )
      .join(' AND ');
    const excluded = query.excluded.map((words) => ` NOT ${phrase(words)}`).join('');
    return `(lang : ${language} AND {title summary body} : (${required}${excluded}))`;
  }).join(' OR ');
}
