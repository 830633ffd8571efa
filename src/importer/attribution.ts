import type { Outlet, OutletMention, Outlets } from './outlets';
import { sentences } from './text';

/** An outlet an article cites, in the words that cite it; `via` is the outlet that relayed it ("X cited in Y"). */
export interface FoundCitation {
  outlet: Outlet;
  context: string;
  via: Outlet | null;
}

/** Words in a citing position that name no outlet of the curated list. */
export interface UnknownSource {
  name: string;
  context: string;
}

/**
 * Citing words before the outlet ("states Foreign Policy", "according to a report by the Guardian",
 * "potrivit Reuters", "scrie The Guardian"). Verbs are matched in lower case: "the United States"
 * is not "states X". What follows, up to the end of the clause, is where the outlet is named.
 */
const BEFORE = new RegExp(
  '(?<![\\p{L}])(?:[Aa]ccording to|states|stated|writes|wrote|reports|reported by|reported|told|quoted by|cited by|' +
    'in an interview with|[Pp]otrivit|[Cc]onform|scrie|a scris|relatează|a relatat|informează|a informat|transmite|' +
    'a transmis|anunță|a anunțat|a declarat pentru|a spus pentru|într-un interviu pentru)(?![\\p{L}])',
  'gu',
);
/** "Reuters reported", "The Guardian wrote", "Digi24 relatează": the outlet before the verb. */
const AFTER =
  /^\s*(?:has |have |had |a |au )?(?:reported|reports|wrote|writes|said|says|noted|notes|relatează|a relatat|scrie|a scris|informează|a informat|anunță|a anunțat|transmite|a transmis)(?![\p{L}])/u;
/** "X cited in Y", "X, citat de Y": Y relayed what X said. */
const RELAY =
  /\s*,?\s+(?:cited in|cited by|quoted in|quoted by|via|citat de|citată de|citat în|citată în|preluat de|preluată de)\s+/u;
/** The end of the clause that names the source. */
const CLAUSE_END = /[,;:!?()“”"«»—–]|\.(?=\s|$)|\s(?:that|which|who|when|where|că|care|unde|când)\s/u;
export function findCitations(
  paragraphs: string[],
  outlets: Outlets,
): { citations: FoundCitation[]; unknown: UnknownSource[] } {
  const citations: FoundCitation[] = [];
  const unknown: UnknownSource[] = [];
  for (const paragraph of paragraphs) {
    for (const sentence of sentences(paragraph)) {
      const mentions = outlets.find(sentence);
      const used = new Set<OutletMention>();
      let covered = 0;
      for (const trigger of sentence.matchAll(BEFORE)) {
        if (trigger.index! < covered) continue;
        const from = trigger.index! + trigger[0].length;
        const rest = sentence.slice(from);
        const end = clauseEnd(rest);
        const span = rest.slice(0, end);
        covered = from + end;
        const inSpan = mentions.filter((m) => m.start >= from && m.end <= covered);
        inSpan.forEach((m) => used.add(m));
        const context = sentence.slice(trigger.index!, covered).trim();
        if (inSpan.length) {
          const relayer = /^(?:cited|quoted) by$/.test(trigger[0]) ? inSpan[0].outlet : null;
          const origin = relayer && mentions.filter((m) => m.end <= trigger.index! && !used.has(m)).pop();
          if (origin && trigger.index! - origin.end <= 80) {
            used.add(origin);
            citations.push({
              outlet: origin.outlet,
              context: sentence.slice(origin.start, covered).trim(),
              via: relayer,
            });
          }
          citations.push(...relayed(span, from, inSpan, context));
        } else {
          // The name is where the capitals start: "a statement by the Russian defence ministry".
          const name = /\p{Lu}.*/su.exec(span)?.[0].trim();
          if (name) unknown.push({ name, context });
        }
      }
      for (const mention of mentions) {
        if (used.has(mention) || !AFTER.test(sentence.slice(mention.end))) continue;
        const verb = AFTER.exec(sentence.slice(mention.end))![0];
        citations.push({
          outlet: mention.outlet,
          context: sentence.slice(mention.start, mention.end) + verb,
          via: null,
        });
      }
    }
  }
  return { citations, unknown };
}

/** Where the clause after the citing words ends; a relay ("cited in the Guardian") continues it. */
function clauseEnd(rest: string): number {
  let offset = 0;
  for (;;) {
    const stop = CLAUSE_END.exec(rest.slice(offset));
    const end = stop ? offset + stop.index : rest.length;
    const relay = RELAY.exec(rest.slice(end));
    if (!relay || relay.index !== 0 || end === offset) return end;
    offset = end + relay[0].length;
  }
}

/** Outlets before a relay phrase were relayed by the first outlet after it; each is cited. */
function relayed(span: string, from: number, inSpan: OutletMention[], context: string): FoundCitation[] {
  const relay = RELAY.exec(span);
  const at = relay ? from + relay.index : Infinity;
  const relayers = inSpan.filter((m) => m.start >= at);
  const via = relayers[0]?.outlet ?? null;
  return inSpan.map((m) => ({ outlet: m.outlet, context, via: m.start < at ? via : null }));
}
