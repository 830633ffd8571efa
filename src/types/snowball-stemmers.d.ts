/** The package ships no types; this is the part of its API the search uses. */
declare module 'snowball-stemmers' {
  export interface Stemmer {
    /** The stem of one lower-case word. */
    stem(word: string): string;
  }
  /** A stemmer for one of `algorithms()`, e.g. "english", "romanian"; throws for an unknown one. */
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}
