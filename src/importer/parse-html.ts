import { DomUtils, parseDocument } from 'htmlparser2';
import type { ParsedDocument, Unit } from './parsed-document';
import { structure } from './page-structure';
import { textUnits } from './parse-text';
import { squash } from './text';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

/** Never the article: scripts, navigation, the site's header and footer, forms. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'button',
]);
/** Elements that start a block of their own; an element holding none of them is one paragraph. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'dl',
  'table',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'img',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
const HEADINGS = /^h([1-6])$/;

/**
 * An HTML page, read with htmlparser2 (forgiving, as real pages need). The article is the first
 * <article>, else <main>, else <body>; its blocks become the same units a text page gives, so the
 * same rules find the title, byline, photos and boilerplate. <img> and <figure>/<figcaption> give
 * photos with their address; <meta name="author">, <html lang> and the publication time (<meta property="article:published_time">,
 * else the article's first <time datetime>) are used when present.
 */
export function parseHtml(document: string): ParsedDocument {
  const dom = parseDocument(document.normalize('NFC'), { decodeEntities: true });
  const find = (name: string) => DomUtils.findOne((e) => e.name === name, dom.children, true);
  const root = find('article') ?? find('main') ?? find('body') ?? dom;
  const units: Unit[] = [];
  // The headline is the article's <h1>; else one outside it; else <title>, less the site's name
  // ("Headline | Site", "Headline – Site").
  if (!DomUtils.findOne((e) => e.name === 'h1', [root as Node], true)) {
    const outer = find('h1');
    const text = outer
      ? DomUtils.textContent(outer)
      : DomUtils.textContent(find('title') ?? []).replace(/\s+[|–—]\s+[^|–—]+$/u, '');
    if (text.trim()) units.push({ kind: 'heading', text, level: 1 });
  }
  walk(root.children, units);
  const doc = structure(units, find('html')?.attribs.lang ?? null);
  const author = DomUtils.findOne((e) => e.name === 'meta' && e.attribs.name === 'author', dom.children, true);
  if (!doc.byline.length && author?.attribs.content) doc.byline = [squash(author.attribs.content)];
  const section = DomUtils.findOne(
    (e) => e.name === 'meta' && e.attribs.property === 'article:section',
    dom.children,
    true,
  );
  if (!doc.label && section?.attribs.content) doc.label = squash(section.attribs.content);
  const published = DomUtils.findOne(
    (e) => e.name === 'meta' && e.attribs.property === 'article:published_time',
    dom.children,
    true,
  );
  const time = DomUtils.findOne((e) => e.name === 'time' && Boolean(e.attribs.datetime), [root as Node], true);
  doc.publishedAt = published?.attribs.content ?? time?.attribs.datetime ?? null;
  return doc;
}

function walk(nodes: Node[], units: Unit[]): void {
  for (const node of nodes) {
    if (!DomUtils.isTag(node)) {
      if (DomUtils.isText(node)) units.push(...textUnits(node.data));
      continue;
    }
    const element: Element = node;
    const name = element.name.toLowerCase();
    if (SKIP.has(name)) continue;
    const heading = HEADINGS.exec(name);
    if (heading) {
      units.push({ kind: 'heading', text: DomUtils.textContent(element), level: Number(heading[1]) });
    } else if (name === 'img') {
      units.push({ kind: 'image', url: element.attribs.src ?? null, alt: element.attribs.alt?.trim() || null });
    } else if (name === 'figcaption') {
      for (const line of lines(element)) units.push({ kind: 'caption', text: line });
    } else if (
      BLOCKS.has(name) &&
      !DomUtils.findOne((e) => e.name === 'img' || BLOCKS.has(e.name), element.children, true)
    ) {
      for (const line of lines(element)) units.push({ kind: 'text', text: line });
    } else {
      walk(element.children, units);
    }
  }
}

/** The text of a block, split at <br>: a caption and its credit often share one <p> or <figcaption>. */
function lines(element: Element): string[] {
  const parts: string[] = [''];
  const collect = (nodes: Node[]) => {
    for (const node of nodes) {
      if (DomUtils.isTag(node) && node.name === 'br') parts.push('');
      else if (DomUtils.isTag(node)) collect(node.children);
      else if (DomUtils.isText(node)) parts[parts.length - 1] += node.data;
    }
  };
  collect(element.children);
  return parts.map(squash).filter(Boolean);
}
