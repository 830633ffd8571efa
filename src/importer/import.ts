import type { Article } from '../article/article.entity';
import type { Writes } from '../db/transaction';
import { uniqueViolation } from '../db/constraint-errors';
import { badInput } from '../errors';
import { gazetteer } from './gazetteer';
import { planImport, Unresolved } from './import-plan';
import { applyImport, ImportAction, ReportEntry } from './import.writes';
import { outlets } from './outlets';
import type { ParsedDocument } from './parsed-document';
import { parseHtml } from './parse-html';
import { parseNinjs } from './parse-ninjs';
import { parseText } from './parse-text';

export enum ImportFormat {
  TEXT = 'TEXT',
  HTML = 'HTML',
  NINJS = 'NINJS',
}

/** A page of more than this is not an article (the body alone may hold 200 KB). */
export const MAX_DOCUMENT_CHARACTERS = 2_000_000;

const PARSERS: Record<ImportFormat, (document: string) => ParsedDocument> = {
  [ImportFormat.TEXT]: parseText,
  [ImportFormat.HTML]: parseHtml,
  [ImportFormat.NINJS]: parseNinjs,
};

/** What one import did, for the editor: the mutation returns it and the CLI prints it. */
export interface ImportReport {
  article: Article;
  action: ImportAction;
  language: string;
  created: ReportEntry[];
  linked: ReportEntry[];
  unresolved: Unresolved[];
  flagged: string[];
  boilerplateLines: number;
}

/**
 * Imports one document in one transaction: parse, link (outside the transaction: it only reads the
 * curated data), then write. A document that fails leaves nothing behind; the error says why.
 */
export async function importDocument(
  writes: Writes,
  input: {
    document: string;
    format: ImportFormat;
    publish: boolean;
    /** When it was first published, for a page that does not say (or says it wrongly). */
    publishedAt?: Date | null;
    mediaBaseUrl: string;
  },
): Promise<ImportReport> {
  if (input.document.length > MAX_DOCUMENT_CHARACTERS) {
    throw badInput(
      'document',
      `The document is over ${MAX_DOCUMENT_CHARACTERS} characters; import one article at a time.`,
    );
  }
  if (input.publishedAt && input.publishedAt.getTime() > Date.now()) {
    throw badInput(
      'publishedAt',
      'An article cannot have been published in the future; leave it out to publish it now.',
    );
  }
  const plan = planImport(PARSERS[input.format](input.document), outlets(), gazetteer(), input.mediaBaseUrl);
  if (input.publishedAt) plan.publishedAt = input.publishedAt;
  const write = () => writes.run((tx, now) => applyImport(tx, plan, input.publish, gazetteer(), now));
  // Two imports naming the same new outlet, place or page race to create it; the one that loses
  // runs again once, and then finds what the other committed.
  const applied = await write().catch((error: unknown) => {
    if (uniqueViolation(error)) return write();
    throw error;
  });
  return {
    ...applied,
    language: plan.language,
    unresolved: plan.unresolved,
    flagged: plan.flags,
    boilerplateLines: plan.boilerplate,
  };
}

/** The format a file's name says: .html/.htm, .json (ninjs), anything else plain text. */
export function formatOfFile(path: string): ImportFormat {
  if (/\.html?$/i.test(path)) return ImportFormat.HTML;
  if (/\.json$/i.test(path)) return ImportFormat.NINJS;
  return ImportFormat.TEXT;
}
