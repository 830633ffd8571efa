import { SourceKind } from '../source/source.entity';
import data from './data/outlets.json';
import { fold } from './text';

/** An outlet of the curated list (data/outlets.json): what a Source is created from when it is first cited. */
export interface Outlet {
  slug: string;
  name: string;
  kind: SourceKind;
  url: string;
  stateAffiliated: boolean;
  /** ISO 3166-1 alpha-2 code of its home country. */
  country: string;
  aliases: string[];
}

/** Where an outlet is named in a text. */
export interface OutletMention {
  outlet: Outlet;
  start: number;
  end: number;
}

/**
 * Finds outlets by their aliases, longest first, so "Al Jazeera English" is not also "Al Jazeera".
 * Aliases are proper names: matched with their case (so "AP" is not the word "ap"), without caring
 * about diacritics, and only as whole words.
 */
export class Outlets {
  readonly all: Outlet[] = data.outlets as Outlet[];
  private readonly pattern: RegExp;
  private readonly byAlias = new Map<string, Outlet>();

  constructor() {
    for (const outlet of this.all) for (const alias of outlet.aliases) this.byAlias.set(fold(alias), outlet);
    const aliases = [...this.byAlias.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  }

  bySlug(slug: string): Outlet | undefined {
    return this.all.find((outlet) => outlet.slug === slug);
  }

  /** The outlet that `name` names exactly ("the Guardian", "Aljazeera"), if it is one. */
  named(name: string): Outlet | undefined {
    return this.byAlias.get(fold(name.trim()).replace(/^the /, 'The '));
  }

  /** Every outlet named in `text`, in order. Folding keeps offsets: it only drops combining marks after NFD. */
  find(text: string): OutletMention[] {
    const folded = foldKeepingOffsets(text);
    return [...folded.matchAll(this.pattern)].map((match) => ({
      outlet: this.byAlias.get(match[0])!,
      start: match.index!,
      end: match.index! + match[0].length,
    }));
  }
}

/** fold() character by character, so an offset in the result is the same offset in `text`. */
export function foldKeepingOffsets(text: string): string {
  return Array.from(text, (ch) => (ch.length === 1 ? fold(ch).padEnd(1).slice(0, 1) : ch)).join('');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

let shared: Outlets | undefined;
export const outlets = (): Outlets => (shared ??= new Outlets());
