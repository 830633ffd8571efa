import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import romanian from 'i18n-iso-countries/langs/ro.json';
import { iso31662 } from 'iso-3166';
import { RegionKind } from '../region/region.entity';
import places from './data/places.json';
import { fold } from './text';

/** A place the importer can link: its Region code, English name, kind and the code of the region above it. */
export interface Place {
  code: string;
  name: string;
  kind: RegionKind;
  parent: string | null;
}

/**
 * How much a name can be trusted alone. Curated names (data/places.json) first, then ISO 3166-1
 * country names in English and Romanian (i18n-iso-countries), then ISO 3166-2 subdivision names
 * (iso-3166), which are many, mostly in the local language, and collide with ordinary words: those
 * count only when their country is named too, and only as a whole run of capitalised words.
 */
export enum Tier {
  Curated = 0,
  Country = 1,
  Subdivision = 2,
}

export interface NameMatch {
  tier: Tier;
  codes: string[];
}

/** Subdivision designators ISO names carry ("Mangghystaū oblysy", "Beijing Shi"); the bare name is indexed too. */
const DESIGNATOR =
  / (oblysy|oblast'?|oblasty|kray|krai|respublika|avtonomnyy okrug|shi|sheng|province|county|district|region|department|judetul|governorate)$/i;

/** A name as the index keys it: folded, lower case. Acronyms ("US", "UK") keep their case, so "us" is not the US. */
export const nameKey = (name: string): string => {
  const folded = fold(name).replace(/\s+/g, ' ').trim();
  return /^[A-Z.]{2,5}$/.test(folded) ? `=${folded}` : folded.toLowerCase();
};

export class Gazetteer {
  private readonly places = new Map<string, Place>();
  private readonly index = new Map<string, NameMatch>();
  /** The longest name, in words: how far a match may reach. */
  maxWords = 1;

  static build(): Gazetteer {
    return new Gazetteer();
  }

  private constructor() {
    countries.registerLocale(english);
    countries.registerLocale(romanian);
    const parentOfCountry = new Map<string, string>();
    for (const area of places.areas) {
      this.add({ code: area.code, name: area.names[0], kind: area.kind as RegionKind, parent: area.parent ?? null });
      for (const name of area.names) this.name(name, Tier.Curated, area.code);
      for (const code of area.members?.split(' ') ?? []) parentOfCountry.set(code, area.code);
    }
    const curatedCountries = new Map(places.countries.map((c) => [c.code, c]));
    for (const code of Object.keys(countries.getAlpha2Codes())) {
      const curated = curatedCountries.get(code);
      const official = countries.getName(code, 'en', { select: 'all' }) ?? [code];
      const name = curated?.name ?? official.find((n) => !n.includes(',')) ?? official[0];
      this.add({ code, name, kind: RegionKind.COUNTRY, parent: parentOfCountry.get(code) ?? null });
      for (const n of curated?.names ?? []) this.name(n, Tier.Curated, code);
      for (const locale of ['en', 'ro']) {
        for (const n of countries.getName(code, locale, { select: 'all' }) ?? []) this.name(n, Tier.Country, code);
      }
    }
    const curatedCodes = new Set([...places.subdivisions, ...places.cities].map((p) => p.code));
    const isoParents = new Map(iso31662.map((s) => [s.code, s.parent]));
    for (const subdivision of iso31662) {
      if (curatedCodes.has(subdivision.code)) continue;
      this.add({
        code: subdivision.code,
        name: subdivision.name,
        kind: RegionKind.PROVINCE,
        parent: subdivision.parent,
      });
      this.name(subdivision.name, Tier.Subdivision, subdivision.code);
      const bare = subdivision.name.replace(DESIGNATOR, '');
      if (bare !== subdivision.name && bare.length >= 4) this.name(bare, Tier.Subdivision, subdivision.code);
    }
    for (const entry of places.subdivisions) {
      const parent = isoParents.get(entry.code) ?? entry.code.split('-')[0];
      this.add({ code: entry.code, name: entry.name, kind: entry.kind as RegionKind, parent });
      for (const n of entry.names) this.name(n, Tier.Curated, entry.code);
    }
    for (const city of places.cities) {
      this.add({ code: city.code, name: city.name, kind: RegionKind.CITY, parent: city.parent });
      for (const n of city.names) this.name(n, Tier.Curated, city.code);
    }
    // Last, so that these names mean every place listed, whatever was indexed for them before.
    for (const { name, codes } of places.ambiguous) this.index.set(nameKey(name), { tier: Tier.Curated, codes });
  }

  private add(place: Place): void {
    this.places.set(place.code, place);
  }

  /** Indexes `name` for `code`; a name already held by a more trusted tier stays with it. */
  private name(name: string, tier: Tier, code: string): void {
    const key = nameKey(name);
    const held = this.index.get(key);
    if (!held || tier < held.tier) this.index.set(key, { tier, codes: [code] });
    else if (tier === held.tier && !held.codes.includes(code)) held.codes.push(code);
    this.maxWords = Math.max(this.maxWords, key.split(' ').length);
  }

  lookup(name: string): NameMatch | undefined {
    return this.index.get(nameKey(name));
  }

  place(code: string): Place | undefined {
    return this.places.get(code);
  }

  /** The place and every place above it, nearest first. */
  lineage(code: string): Place[] {
    const chain: Place[] = [];
    for (let place = this.places.get(code); place && chain.length < 10; place = this.place(place.parent ?? '')) {
      chain.push(place);
    }
    return chain;
  }

  /** The country a place lies in (itself for a country), if any. */
  countryOf(code: string): string | null {
    return this.lineage(code).find((p) => p.kind === RegionKind.COUNTRY)?.code ?? null;
  }
}

let shared: Gazetteer | undefined;
/** The gazetteer is immutable data, built once per process on first use. */
export const gazetteer = (): Gazetteer => (shared ??= Gazetteer.build());
