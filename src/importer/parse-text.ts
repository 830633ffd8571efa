import type { ParsedDocument, Unit } from './parsed-document';
import { standsAlone, structure } from './page-structure';

/**
 * A plain-text page: paragraphs are separated by blank lines; lines of one paragraph that a tool
 * wrapped are joined again, except lines that stand alone (a credit, a byline, a banner).
 */
export function parseText(document: string): ParsedDocument {
  return structure(textUnits(document), null);
}

export function textUnits(document: string): Unit[] {
  const units: Unit[] = [];
  for (const block of document.normalize('NFC').split(/\r?\n\s*\r?\n/)) {
    let lines: string[] = [];
    const flush = () => {
      if (lines.length) units.push({ kind: 'text', text: lines.join(' ') });
      lines = [];
    };
    for (const line of block.split(/\r?\n/)) {
      if (!line.trim()) continue;
      if (standsAlone(line)) {
        flush();
        units.push({ kind: 'text', text: line });
      } else {
        lines.push(line.trim());
      }
    }
    flush();
  }
  return units;
}
