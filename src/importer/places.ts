import { RegionKind } from '../region/region.entity';
import { Gazetteer, NameMatch, Tier } from './gazetteer';
import type { Outlets } from './outlets';

/** A name the gazetteer knows for more than one place, with the places. */
export interface AmbiguousPlace {
  name: string;
  codes: string[];
}

interface Mention {
  name: string;
  match: NameMatch;
}

/** A word of the text, with what the matching rules need to know about its neighbours. */
interface Token {
  text: string;
  start: number;
  end: number;
  capital: boolean;
  /** First word of a sentence: capitalised whatever it is. */
  initial: boolean;
}

/**
 * The places a text names, in order of first mention, as Region codes. A place is named by a whole
 * proper name: the longest name that matches wins ("Central Asia" over "Asia"), a name inside a
 * longer capitalised name is not a place ("Casa Albă" is not Alba county), and outlet names are not
 * read for places ("The Moscow Times"). Continents and subregions that contain another named place
 * are left out: the region tree already puts the article under them. Romanian case endings are
 * read ("Rusiei" is Rusia, "Bruxelles-ul" is Bruxelles).
 */
export function findPlaces(
  texts: string[],
  language: string | null,
  gazetteer: Gazetteer,
  outlets: Outlets,
): { codes: string[]; ambiguous: AmbiguousPlace[] } {
  const mentions: Mention[] = [];
  for (const text of texts) mentions.push(...scan(maskOutlets(text, outlets), language, gazetteer));

  const named = new Set<string>();
  for (const mention of mentions) {
    if (mention.match.tier === Tier.Subdivision || mention.match.codes.length !== 1) continue;
    const country = gazetteer.countryOf(mention.match.codes[0]);
    if (country) named.add(country);
  }
  const codes: string[] = [];
  const ambiguous = new Map<string, AmbiguousPlace>();
  for (const { name, match } of mentions) {
    // Subdivision names count only inside a country the text names.
    const candidates =
      match.tier === Tier.Subdivision
        ? match.codes.filter((code) => named.has(gazetteer.countryOf(code) ?? ''))
        : match.codes;
    if (candidates.length === 1) {
      if (!codes.includes(candidates[0])) codes.push(candidates[0]);
    } else if (candidates.length > 1) {
      ambiguous.set(name, { name, codes: candidates });
    }
  }
  const inside = new Set(
    codes.flatMap((code) =>
      gazetteer
        .lineage(code)
        .slice(1)
        .map((p) => p.code),
    ),
  );
  const broad = (code: string) =>
    [RegionKind.CONTINENT, RegionKind.SUBREGION].includes(gazetteer.place(code)!.kind) && inside.has(code);
  return { codes: codes.filter((code) => !broad(code)), ambiguous: [...ambiguous.values()] };
}

function scan(text: string, language: string | null, gazetteer: Gazetteer): Mention[] {
  const tokens = tokenize(text);
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].capital) continue;
    for (let n = Math.min(gazetteer.maxWords, tokens.length - i); n >= 1; n--) {
      const words = tokens.slice(i, i + n);
      if (words.some((w, k) => k > 0 && text.slice(words[k - 1].end, w.start).trim() !== '')) continue;
      const name = words.map((w) => w.text).join(' ');
      const match = lookup(name, language, gazetteer);
      if (!match || !standsAsName(tokens, i, i + n, gazetteer, text)) continue;
      mentions.push({ name, match });
      i += n - 1;
      break;
    }
  }
  return mentions;
}

/** A name found as it is, or, in Romanian, under a case ending: "Rusiei" → "Rusia", "Kazahstanului" → "Kazahstan". */
function lookup(name: string, language: string | null, gazetteer: Gazetteer): NameMatch | undefined {
  const found = gazetteer.lookup(name);
  if (found || language !== 'ro') return found;
  for (const [ending, base] of [
    ['-ului', ''],
    ['-ul', ''],
    ['ului', ''],
    ['ul', ''],
    ['ei', 'a'],
  ]) {
    if (name.length > ending.length + 2 && name.endsWith(ending)) {
      const stem = gazetteer.lookup(name.slice(0, -ending.length) + base);
      if (stem) return stem;
    }
  }
  return undefined;
}

/**
 * Not part of a longer proper name ("Jordan Peterson", "Casa Albă"): no capitalised word right
 * before it (unless that word only starts the sentence) or right after it, unless that word is a
 * place itself ("Russia Ukraine talks").
 */
function standsAsName(tokens: Token[], from: number, to: number, gazetteer: Gazetteer, text: string): boolean {
  const joined = (token: Token | undefined, left: Token, right: Token) =>
    token?.capital &&
    adjacent(text, left, right) &&
    (gazetteer.lookup(token.text)?.tier ?? Tier.Subdivision) === Tier.Subdivision;
  const before = tokens[from - 1];
  if (before && !before.initial && joined(before, before, tokens[from])) return false;
  return !joined(tokens[to], tokens[to - 1], tokens[to] ?? tokens[to - 1]);
}

const adjacent = (text: string, left: Token, right: Token) => /^[ \u00a0]+$/.test(text.slice(left.end, right.start));

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}\p{N}.-]*/gu)) {
    let word = match[0];
    if (word.endsWith('.') && !/^(\p{Lu}\.)+$/u.test(word)) word = word.replace(/[.-]+$/u, '');
    const start = match.index!;
    let back = start - 1;
    while (back >= 0 && /[ \t\u00a0]/.test(text[back])) back--;
    tokens.push({
      text: word,
      start,
      end: start + word.length,
      capital: /^\p{Lu}/u.test(word),
      initial: back < 0 || /[.!?…:“"«(\n\r]/u.test(text[back]),
    });
  }
  return tokens;
}

/** Outlet names are blanked out (same length, so offsets hold) before places are looked for. */
function maskOutlets(text: string, outlets: Outlets): string {
  let masked = text;
  for (const { start, end } of outlets.find(text))
    masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end);
  return masked;
}
