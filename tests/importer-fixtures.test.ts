import { readdirSync } from 'node:fs';
import { headersByRole, Headers } from './support/editorial';
import { FIXTURES, fixture, imported } from './support/importer';
import { startTestServer, TestServer } from './support/server';

/**
 * Every page in fixtures/ that has a <name>.expected.json beside it is imported and scored: the
 * precision and recall of the sources it cites and the regions it names are printed, and must be
 * 1.0; the rest of the expected structure (title, byline, photos, flags, what must be left out) must
 * match exactly. A new page is checked by adding it with its expected results.
 */
interface Expected {
  format: 'TEXT' | 'HTML' | 'NINJS';
  title: string;
  language: string;
  label: string | null;
  byline: string[];
  paragraphs: number;
  flagged: string[];
  sources: string[];
  relayed: Record<string, string>;
  regions: string[];
  photos: { caption: string | null; credit: string | null; creditLine: string | null; url?: string }[];
  unresolved: string[];
  absent: string[];
}

const pages = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => ({
    page: findPage(name.replace(/\.expected\.json$/, '')),
    expected: JSON.parse(fixture(name)) as Expected,
  }));

function findPage(stem: string): string {
  const page = readdirSync(FIXTURES).find((name) => name.startsWith(`${stem}.`) && !name.endsWith('.expected.json'));
  if (!page) throw new Error(`fixtures/${stem}.expected.json has no page beside it`);
  return page;
}

/** Precision and recall of `found` against `expected`, as sets. */
function score(found: string[], expected: string[]): { precision: number; recall: number } {
  const hits = found.filter((item) => expected.includes(item)).length;
  return {
    precision: found.length ? hits / found.length : expected.length ? 0 : 1,
    recall: expected.length ? hits / expected.length : 1,
  };
}

let server: TestServer;
let editor: Headers;
beforeAll(async () => {
  server = await startTestServer({ sample: false });
  editor = (await headersByRole(server)).editor;
});
afterAll(() => server?.stop());

it('has pages in text and HTML, in English and Romanian', () => {
  expect(pages.map((p) => p.expected.format)).toEqual(expect.arrayContaining(['HTML', 'TEXT']));
  expect(pages.map((p) => p.expected.language)).toEqual(expect.arrayContaining(['en', 'ro']));
});

describe.each(pages)('$page', ({ page, expected }) => {
  let report: any;
  beforeAll(async () => {
    report = await imported(server, editor, fixture(page), expected.format);
  });

  it('finds the cited sources and the named regions with precision and recall 1.0', () => {
    const sources = score(
      report.article.citations.map((c: any) => c.source.slug),
      expected.sources,
    );
    const regions = score(
      report.article.regions.map((r: any) => r.code),
      expected.regions,
    );
    process.stdout.write(
      `${page}: sources precision ${sources.precision.toFixed(2)} recall ${sources.recall.toFixed(2)}; ` +
        `regions precision ${regions.precision.toFixed(2)} recall ${regions.recall.toFixed(2)}\n`,
    );
    expect({ sources, regions }).toEqual({
      sources: { precision: 1, recall: 1 },
      regions: { precision: 1, recall: 1 },
    });
  });

  it('records which source relayed which', () => {
    // The report links sources in the order of the article's citations.
    const cited = report.linked.filter((entry: any) => entry.type === 'Source');
    const slugs = report.article.citations.map((c: any) => c.source.slug);
    const slugOf = new Map(cited.map((entry: any, index: number) => [entry.name, slugs[index]]));
    const relays = Object.fromEntries(
      cited.flatMap((entry: any, index: number) => {
        const via = /^cited via (.+?): /.exec(entry.note ?? '');
        return via ? [[slugs[index], slugOf.get(via[1])]] : [];
      }),
    );
    expect(relays).toEqual(expected.relayed);
  });

  it('gives the structure: title, label, byline, language, paragraphs, flags, photos', () => {
    expect(report.article).toMatchObject({
      title: expected.title,
      label: expected.label,
      byline: expected.byline,
      language: expected.language,
    });
    expect(report.article.body.split('\n\n')).toHaveLength(expected.paragraphs);
    expect(report.flagged.map((flag: string) => flag.split(':')[0])).toEqual(expected.flagged);
    expect(
      report.article.photos.map((p: any, index: number) => ({
        caption: p.caption,
        credit: p.credit?.slug ?? null,
        creditLine: p.creditLine,
        ...(expected.photos[index]?.url ? { url: p.url } : {}),
      })),
    ).toEqual(expected.photos);
    expect(report.unresolved.map((u: any) => `${u.kind} ${u.text}`)).toEqual(expected.unresolved);
    for (const text of expected.absent) expect(report.article.body).not.toContain(text);
  });
});
