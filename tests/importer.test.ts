import { config } from '../src/config';
import { headersByRole, Headers, ok, onlyError } from './support/editorial';
import { fixture, imported, importArticle } from './support/importer';
import { startTestServer, TestServer } from './support/server';

const KAZAKHSTAN = fixture('kazakhstan-unrest-2022.txt');

describe('importing the Kazakhstan page into an empty database', () => {
  let server: TestServer;
  let roles: Record<string, Headers>;
  let first: any;
  beforeAll(async () => {
    server = await startTestServer({ sample: false });
    roles = await headersByRole(server);
    first = await imported(server, roles.editor, KAZAKHSTAN, 'TEXT');
  });
  afterAll(() => server?.stop());

  it('creates a draft with the title, label, byline and language of the page', () => {
    expect(first.action).toBe('CREATED');
    expect(first.article).toMatchObject({
      slug: 'whats-happening-in-kazakhstan',
      title: 'What’s happening in Kazakhstan?',
      label: 'Newsletter Exclusive',
      byline: ['Mălina Mîndruțescu'],
      language: 'en',
      status: 'DRAFT',
      version: 1,
    });
  });

  it('keeps the body without the banner, promotion, footer or photo lines, and flags the cut paragraph', () => {
    const paragraphs = first.article.body.split('\n\n');
    expect(paragraphs).toHaveLength(18);
    expect(paragraphs[0]).toMatch(/^It is difficult to unpack/);
    expect(paragraphs[3]).toMatch(/^petroleum gas \(LPG\)/);
    expect(paragraphs[17]).toMatch(/current Western order\.$/);
    for (const chrome of [
      'Verifica Menajeria',
      'click here',
      'Te-ar mai putea',
      'Photo source',
      'kazakhstan protest',
      '#',
    ]) {
      expect(first.article.body).not.toContain(chrome);
    }
    expect(first.flagged).toEqual([expect.stringMatching(/^Paragraph 4 starts mid-sentence: "petroleum gas/)]);
    expect(first.boilerplateLines).toBe(3);
  });

  it('makes four photos with their captions and credits, the last one uncredited', () => {
    const base = `${config.publicSiteUrl}/media/whats-happening-in-kazakhstan`;
    expect(first.article.photos.map(({ id: _id, ...photo }: any) => photo)).toEqual([
      {
        url: `${base}/kazakhstan-protest.jpg`,
        caption: 'kazakhstan protest',
        altText: 'kazakhstan protest',
        creditLine: 'Photo source: Getty Images',
        credit: { slug: 'getty-images' },
      },
      {
        url: `${base}/trupe-rusesti-de-securitate.jpg`,
        caption: 'trupe rusesti de securitate',
        altText: 'trupe rusesti de securitate',
        creditLine: 'Photo source: TASS',
        credit: { slug: 'tass' },
      },
      {
        url: `${base}/photo-3.jpg`,
        caption: null,
        altText: null,
        creditLine: 'Photo source: Reuters',
        credit: { slug: 'reuters' },
      },
      { url: `${base}/photo-4.jpg`, caption: null, altText: null, creditLine: null, credit: null },
    ]);
  });

  it('cites the outlets in their words, Sputnik through the Guardian, and reports the unknown one', () => {
    expect(first.article.citations).toEqual([
      { position: 1, context: 'states Foreign Policy', source: { slug: 'foreign-policy' } },
      {
        position: 2,
        context: 'according to a Russian Sputnik report cited in the Guardian',
        source: { slug: 'sputnik' },
      },
      {
        position: 3,
        context: 'according to a Russian Sputnik report cited in the Guardian',
        source: { slug: 'the-guardian' },
      },
      { position: 4, context: 'according to another report by Aljazeera', source: { slug: 'al-jazeera' } },
    ]);
    const sputnik = first.linked.find((entry: any) => entry.name === 'Sputnik');
    expect(sputnik.note).toMatch(/^cited via The Guardian/);
    expect(first.unresolved).toEqual([expect.objectContaining({ kind: 'SOURCE', text: 'Russian defence ministry' })]);
  });

  it('creates the curated outlets it needs, with kind, state affiliation and country', async () => {
    const { source } = await ok(
      server,
      roles.editor,
      '{ source(slug: "tass") { name kind stateAffiliated country { code parent { code } } } }',
    );
    expect(source).toEqual({
      name: 'TASS',
      kind: 'NEWS_AGENCY',
      stateAffiliated: true,
      country: { code: 'RU', parent: { code: 'eastern-europe' } },
    });
  });

  it('links the places it names, with the region tree above them', async () => {
    expect(first.article.regions.map((r: any) => r.code).sort()).toEqual([
      'CN',
      'KZ',
      'KZ-47',
      'KZ-75',
      'RU',
      'RU-MOW',
    ]);
    const { region } = await ok(server, roles.editor, '{ region(code: "KZ-47") { name kind ancestors { code } } }');
    expect(region).toEqual({
      name: 'Mangystau',
      kind: 'PROVINCE',
      ancestors: [{ code: 'KZ' }, { code: 'central-asia' }, { code: 'asia' }],
    });
  });

  it('changes nothing when the same page is imported again', async () => {
    const again = await imported(server, roles.editor, KAZAKHSTAN, 'TEXT');
    expect(again.action).toBe('UNCHANGED');
    expect(again.created).toEqual([]);
    expect(again.article).toEqual(first.article);
    const { sources, regions } = await ok(server, roles.editor, '{ sources { slug } regions { code } }');
    expect(sources).toHaveLength(7);
    expect(new Set(regions.map((r: any) => r.code)).size).toBe(regions.length);
  });

  it('updates the same article and its photos in place when the page changed', async () => {
    const edited = KAZAKHSTAN.replace('more than 160 people', 'more than 170 people').replace(
      'Photo source: Reuters',
      'Photo source: Getty Images',
    );
    const update = await imported(server, roles.editor, edited, 'TEXT');
    expect(update.action).toBe('UPDATED');
    expect(update.article.id).toBe(first.article.id);
    expect(update.article.version).toBe(2);
    expect(update.article.body).toContain('more than 170 people');
    expect(update.article.photos.map((p: any) => p.id)).toEqual(first.article.photos.map((p: any) => p.id));
    expect(update.article.photos[2].credit).toEqual({ slug: 'getty-images' });
    expect(update.created).toEqual([]);
  });

  it('publishes only when asked', async () => {
    const anonymous = () => server.query('{ article(slug: "whats-happening-in-kazakhstan") { status } }');
    expect((await anonymous()).data!.article).toBeNull();
    const published = await imported(server, roles.editor, KAZAKHSTAN, 'TEXT', true);
    expect(published.article.status).toBe('PUBLISHED');
    expect((await anonymous()).data!.article).toEqual({ status: 'PUBLISHED' });
  });

  it('reaches the change feed through the article writes, and an unchanged import adds nothing to it', async () => {
    const feed = async () =>
      (await ok(server, roles.editor, '{ changes(first: 100) { changes { kind article { slug } } } }')).changes.changes;
    const before = await feed();
    expect(before.at(-1)).toEqual({ kind: 'PUBLISHED', article: { slug: 'whats-happening-in-kazakhstan' } });
    expect((await imported(server, roles.editor, KAZAKHSTAN, 'TEXT', true)).action).toBe('UNCHANGED');
    expect(await feed()).toEqual(before);
  });

  it('is for the newsroom only', async () => {
    for (const role of ['anonymous', 'partner', 'analyst']) {
      const { code } = onlyError(await importArticle(server, roles[role], KAZAKHSTAN, 'TEXT'));
      expect(code).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });
});

describe('names the importer must not guess', () => {
  let server: TestServer;
  let editor: Headers;
  beforeAll(async () => {
    server = await startTestServer({ sample: false });
    editor = (await headersByRole(server)).editor;
  });
  afterAll(() => server?.stop());

  it('reports ambiguous places and unknown sources, and skips names inside longer names', async () => {
    const page = [
      'Sanctions and the oil market',
      'Washington imposed new sanctions on Iran on Monday, the New York Times reported.',
      'Jordan Peterson said the sanctions would fail. Prices rose in New York, according to a note from Goldman Sachs.',
      'Cotidianul Casa Albă a anunțat noi măsuri.',
    ].join('\n\n');
    const report = await imported(server, editor, page, 'TEXT');
    expect(report.article.regions.map((r: any) => r.code).sort()).toEqual(['IR', 'new-york-city']);
    expect(report.article.citations.map((c: any) => c.source.slug)).toEqual(['the-new-york-times']);
    expect(report.unresolved).toEqual([
      expect.objectContaining({ kind: 'SOURCE', text: 'Goldman Sachs' }),
      { kind: 'REGION', text: 'Washington', reason: 'ambiguous: could be US-WA, washington-dc' },
    ]);
    const { sources } = await ok(server, editor, '{ sources { slug } }');
    expect(sources.map((s: any) => s.slug)).toEqual(['the-new-york-times']);
  });
});

describe('a document that fails', () => {
  let server: TestServer;
  let editor: Headers;
  beforeAll(async () => {
    server = await startTestServer({ sample: false });
    editor = (await headersByRole(server)).editor;
  });
  afterAll(() => server?.stop());

  it('without a body is refused, naming the document', async () => {
    const error = onlyError(await importArticle(server, editor, 'Just a headline\n', 'TEXT'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
    expect(error.message).toMatch(/no body paragraphs/);
  });

  it('leaves nothing behind when it fails after writing', async () => {
    const page = '#News / Ana Pop\n\nProtests in Armenia\n\nThousands marched in Yerevan, according to Reuters.\n';
    const first = await imported(server, editor, page, 'TEXT');
    await ok(server, editor, 'mutation ($id: ID!) { deleteArticle(id: $id) }', { id: first.article.id });
    const before = await ok(server, editor, '{ sources { slug } regions { code } }');

    // Same title, so the same (deleted) article, and a new outlet and place to create first.
    const changed = page.replace('according to Reuters', 'according to Reuters and states The Diplomat in Georgia');
    const error = onlyError(await importArticle(server, editor, changed, 'TEXT'));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'document' });
    expect(error.message).toMatch(/was deleted/);
    expect(await ok(server, editor, '{ sources { slug } regions { code } }')).toEqual(before);
  });

  it('that is not JSON is refused as ninjs', async () => {
    const error = onlyError(await importArticle(server, editor, '<p>not json</p>', 'NINJS'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
  });
});

describe('importing into a database that already has the sources and regions', () => {
  let server: TestServer;
  let editor: Headers;
  beforeAll(async () => {
    server = await startTestServer();
    editor = (await headersByRole(server)).editor;
  });
  afterAll(() => server?.stop());

  it('links the existing records instead of creating copies', async () => {
    const report = await imported(server, editor, fixture('moldova-criza-energetica-2022.txt'), 'TEXT');
    const created = report.created.filter((e: any) => e.type === 'Source').map((e: any) => e.name);
    expect(created).not.toContain('Reuters');
    expect(created).not.toContain('The Guardian');
    expect(created).not.toContain('Sputnik');
    expect(report.created.filter((e: any) => e.type === 'Region').map((e: any) => e.name)).not.toContain('Russia (RU)');
    const { sources } = await ok(server, editor, '{ sources { slug } }');
    const slugs = sources.map((s: any) => s.slug);
    expect(slugs.filter((s: string) => s === 'reuters')).toHaveLength(1);
  });
});

describe('HTML and ninjs documents', () => {
  let server: TestServer;
  let editor: Headers;
  beforeAll(async () => {
    server = await startTestServer({ sample: false });
    editor = (await headersByRole(server)).editor;
  });
  afterAll(() => server?.stop());

  it('reads an HTML page: the article element, figures with their address, meta author and section', async () => {
    const report = await imported(server, editor, fixture('georgia-protests-2023.html'), 'HTML');
    expect(report.article).toMatchObject({
      title: 'Georgia’s “foreign agents” bill brings thousands to the streets',
      byline: ['Andrei Ionescu'],
      label: 'Explainer',
      language: 'en',
    });
    expect(report.article.body.split('\n\n')).toHaveLength(6);
    expect(report.article.body).not.toMatch(/click here|Read more|Fact-check the news|All rights reserved|window\./);
    expect(report.article.photos.map((p: any) => [p.url, p.caption, p.credit?.slug ?? null])).toEqual([
      [
        `${config.publicSiteUrl}/media/georgia-protests-2023/tbilisi-parliament.jpg`,
        'Protesters outside the parliament in Tbilisi',
        'getty-images',
      ],
      ['https://images.example.org/georgia/flags.jpg', null, null],
    ]);
  });

  it('reads a ninjs document: headline, bylines, language, HTML body and picture associations', async () => {
    const ninjs = {
      uri: 'urn:example:ninjs:1',
      type: 'text',
      language: 'en',
      headline: 'Kyrgyzstan and Tajikistan agree a ceasefire',
      bylines: [{ byline: 'Ana Pop' }, { byline: 'Ion Rus' }],
      body_html:
        '<p>The two countries agreed a ceasefire on Friday after clashes on the border, according to Reuters.</p>' +
        '<p>Fighting near Batken had displaced thousands, Eurasianet reported.</p>',
      associations: {
        featureimage: {
          type: 'picture',
          description_text: 'Border post near Batken',
          creditline: 'AFP',
          renditions: { original: { href: 'https://images.example.org/batken.jpg' } },
        },
      },
    };
    const report = await imported(server, editor, JSON.stringify(ninjs), 'NINJS');
    expect(report.article).toMatchObject({
      title: 'Kyrgyzstan and Tajikistan agree a ceasefire',
      byline: ['Ana Pop', 'Ion Rus'],
      language: 'en',
      body:
        'The two countries agreed a ceasefire on Friday after clashes on the border, according to Reuters.\n\n' +
        'Fighting near Batken had displaced thousands, Eurasianet reported.',
    });
    expect(report.article.citations.map((c: any) => c.source.slug)).toEqual(['reuters', 'eurasianet']);
    expect(report.article.regions.map((r: any) => r.code).sort()).toEqual(['KG', 'KG-B', 'TJ']);
    expect(report.article.photos).toEqual([
      expect.objectContaining({
        url: 'https://images.example.org/batken.jpg',
        caption: 'Border post near Batken',
        creditLine: 'AFP',
        credit: { slug: 'afp' },
      }),
    ]);
    const again = await imported(server, editor, JSON.stringify(ninjs), 'NINJS');
    expect(again.action).toBe('UNCHANGED');
  });

  it('publishes an archived page at the time the page gives, so the archive keeps its order', async () => {
    const page = (title: string, head: string, article = '') =>
      `<html><head>${head}</head><body><article><h1>${title}</h1>${article}` +
      '<p>Protesters gathered in Tbilisi on Saturday, according to Reuters.</p></article></body></html>';
    const fromMeta = await imported(
      server,
      editor,
      page('Tbilisi, the first night', '<meta property="article:published_time" content="2023-03-07T21:30:00+04:00">'),
      'HTML',
      true,
    );
    expect(fromMeta.article.publishedAt).toBe('2023-03-07T17:30:00.000Z');
    // Created and published in one import: one change for partners and webhooks, not two.
    const { changes } = await ok(server, editor, '{ changes(first: 500) { changes { kind articleId } } }');
    expect(changes.changes.filter((c: any) => c.articleId === fromMeta.article.id)).toEqual([
      { kind: 'PUBLISHED', articleId: fromMeta.article.id },
    ]);
    const fromTime = await imported(
      server,
      editor,
      page('Tbilisi, the second night', '', '<p>By Ana Pop, <time datetime="2023-03-08">8 March 2023</time></p>'),
      'HTML',
      true,
    );
    expect(fromTime.article.publishedAt).toBe('2023-03-08T00:00:00.000Z');
    const ninjs = await imported(
      server,
      editor,
      JSON.stringify({
        headline: 'Tbilisi, the third night',
        firstcreated: '2023-03-09T06:00:00Z',
        body_text: 'The bill was withdrawn, according to Reuters.',
      }),
      'NINJS',
      true,
    );
    expect(ninjs.article.publishedAt).toBe('2023-03-09T06:00:00.000Z');
    // A draft has no publication time yet; a date that is not a past one is flagged, not used.
    const drafted = await imported(
      server,
      editor,
      page('Tbilisi, tomorrow', '<meta property="article:published_time" content="2999-01-01T00:00:00Z">'),
      'HTML',
    );
    expect(drafted.article.publishedAt).toBeNull();
    expect(drafted.flagged).toEqual([expect.stringContaining('"2999-01-01T00:00:00Z" is not a past date')]);
    const before = Date.now();
    const published = await imported(
      server,
      editor,
      page('Tbilisi, tomorrow', '<meta property="article:published_time" content="2999-01-01T00:00:00Z">'),
      'HTML',
      true,
    );
    expect(Date.parse(published.article.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(published.article.publishedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('takes the publication time an editor gives over the page time, and refuses one in the future', async () => {
    const page =
      '<html><head><meta property="article:published_time" content="2023-03-01T00:00:00Z"></head><body><article>' +
      '<h1>Tbilisi, as the editor dates it</h1><p>Protesters gathered, according to Reuters.</p></article></body></html>';
    const future = onlyError(await importArticle(server, editor, page, 'HTML', true, '2999-01-01T00:00:00Z'));
    expect(future).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishedAt' });
    const report = await imported(server, editor, page, 'HTML', true, '2023-03-10T12:00:00Z');
    expect(report.article.publishedAt).toBe('2023-03-10T12:00:00.000Z');
  });
});
