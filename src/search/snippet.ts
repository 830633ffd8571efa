import escapeHtml from 'escape-html';
import { foldWord, SearchLanguage, termOf, wordsOf } from './search-text';

/** Words of context a snippet shows from a summary or body. */
const SNIPPET_WORDS = 30;

/**
 * The part of a hit that shows why it matched, as HTML: its text escaped, each word the query
 * looked for inside `<mark>…</mark>`, `…` where it was cut. From the title when the title matched,
 * else the summary, else the body, the window of SNIPPET_WORDS words with the most marks. The
 * same on both databases: the words are found as the index found them (search-text.ts), so
 * "Chisinau" marks "Chișinău". PostgreSQL's ts_headline could mark words there, but not on SQLite.
 */
export function snippetOf(
  texts: readonly (string | null)[],
  terms: ReadonlySet<string>,
  language: SearchLanguage,
): string {
  const fields = texts.filter((text): text is string => !!text);
  const wanted = wantedWord(terms, language);
  for (const [index, text] of fields.entries()) {
    const words = wordsOf(text);
    const marked = words.map(({ word }) => wanted(word));
    if (!marked.includes(true)) continue;
    // A title is short enough to show whole; a longer text shows its best window.
    const [from, to] = index === 0 ? [0, words.length] : bestWindow(marked);
    return render(text, words.slice(from, to), marked.slice(from, to), from > 0, to < words.length);
  }
  // Matched in a way that marks no whole word (e.g. a hyphenated word on PostgreSQL): the text's start.
  const text = fields[fields.length > 1 ? 1 : 0] ?? '';
  const words = wordsOf(text);
  const to = Math.min(words.length, SNIPPET_WORDS);
  return render(text, words.slice(0, to), [], false, to < words.length);
}

/**
 * Whether a word is one the query looked for, remembered per word: a body says the same words many
 * times, and stemming every word of twenty bodies was most of a search's Node CPU (~40 ms). A stem
 * keeps its word's first two letters (Snowball only rewrites endings), so a word starting otherwise
 * than every term is not stemmed at all.
 */
function wantedWord(terms: ReadonlySet<string>, language: SearchLanguage): (word: string) => boolean {
  const starts = new Set([...terms].map((term) => term.slice(0, 2)));
  const known = new Map<string, boolean>();
  return (word) => {
    let wanted = known.get(word);
    if (wanted === undefined) {
      wanted = starts.has(foldWord(word.slice(0, 8)).slice(0, 2)) && terms.has(termOf(word, language));
      known.set(word, wanted);
    }
    return wanted;
  };
}

/** The [from, to) window of SNIPPET_WORDS words holding the most marked words; the first such. */
function bestWindow(marked: readonly boolean[]): [number, number] {
  const size = Math.min(SNIPPET_WORDS, marked.length);
  let count = marked.slice(0, size).filter(Boolean).length;
  let best = count;
  let bestFrom = 0;
  for (let from = 1; from + size <= marked.length; from += 1) {
    count += (marked[from + size - 1] ? 1 : 0) - (marked[from - 1] ? 1 : 0);
    if (count > best) [best, bestFrom] = [count, from];
  }
  // Three words before the first mark at least, so that it reads as part of a sentence.
  const from = Math.max(0, Math.min(bestFrom, marked.indexOf(true, bestFrom) - 3));
  return [from, Math.min(marked.length, from + size)];
}

/** The text from the first to the last of `words`, escaped, marks around the marked ones. */
function render(
  text: string,
  words: readonly { start: number; end: number }[],
  marked: readonly boolean[],
  cutBefore: boolean,
  cutAfter: boolean,
): string {
  if (words.length === 0) return '';
  let html = cutBefore ? '…' : '';
  let at = words[0].start;
  words.forEach((word, index) => {
    html += escapeHtml(text.slice(at, word.start));
    const piece = escapeHtml(text.slice(word.start, word.end));
    html += marked[index] ? `<mark>${piece}</mark>` : piece;
    at = word.end;
  });
  // A title shows whole, with its closing punctuation; a cut text ends at its last word.
  if (!cutAfter) html += escapeHtml(text.slice(at));
  return cutAfter ? `${html}…` : html;
}
