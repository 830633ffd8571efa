import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import sax from 'sax';
import ninjsSchema from '../schema/standards/ninjs-schema-3.1.json';
import { CREATE, draftInput, headersByRole, Headers, MOVE, ok, onlyError } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { insertWhileServing } from './support/generated';
import { startTestServer, TestServer } from './support/server';

/**
 * Fact-checks and corrections (issue 14, part 5): parts of an article that the newsroom changes as
 * new versions of the article, read through Article.factChecks and .corrections, and carried by
 * the change feed, ninjs, the feeds and the page's ClaimReview JSON-LD.
 */
let server: TestServer;
let roles: Awaited<ReturnType<typeof headersByRole>>;

beforeAll(async () => {
  server = await startTestServer();
  roles = await headersByRole(server);
});
afterAll(() => server?.stop());

const PARTS = /* GraphQL */ `
  id
  version
  factChecks {
    id
    position
    claim
    claimantName
    claimantKind
    claimantUrl
    appearanceUrl
    appearedAt
    rating
    ratingValue
    ratingLabel
    ratingExplanation
  }
  corrections {
    id
    correctedAt
    text
  }
`;
const ADD_FACT_CHECK = `mutation ($input: AddFactCheckInput!) { addFactCheck(input: $input) { ${PARTS} } }`;
const UPDATE_FACT_CHECK = `mutation ($input: UpdateFactCheckInput!) { updateFactCheck(input: $input) { ${PARTS} } }`;
const REMOVE_FACT_CHECK = `mutation ($id: ID!, $version: Int!) { removeFactCheck(id: $id, version: $version) { ${PARTS} } }`;
const ADD_CORRECTION = `mutation ($input: AddCorrectionInput!) { addCorrection(input: $input) { ${PARTS} } }`;
const UPDATE_CORRECTION = `mutation ($input: UpdateCorrectionInput!) { updateCorrection(input: $input) { ${PARTS} } }`;
const REMOVE_CORRECTION = `mutation ($id: ID!, $version: Int!) { removeCorrection(id: $id, version: $version) { ${PARTS} } }`;
const READ = `query ($id: ID!) { article(id: $id) { ${PARTS} claimReviewJsonLd } }`;

const CLAIM = {
  claim: 'Fuel prices doubled overnight.',
  claimantName: 'Ministry of Energy',
  claimantKind: 'ORGANIZATION',
  claimantUrl: 'https://energy.example.gov/',
  appearanceUrl: 'https://energy.example.gov/statements/2022-01-02',
  appearedAt: '2022-01-02T09:00:00.000Z',
  rating: 'MOSTLY_FALSE',
  ratingExplanation: 'The price of liquefied gas doubled; petrol rose by a tenth.',
};

interface Article {
  id: string;
  version: number;
  factChecks: { id: string; position: number; claim: string; rating: string }[];
  corrections: { id: string; correctedAt: string; text: string }[];
}

async function draft(overrides: Record<string, unknown> = {}): Promise<Article> {
  const { createArticle } = await ok(server, roles.editor, CREATE, { input: draftInput(overrides) });
  return { ...createArticle, factChecks: [], corrections: [] };
}

const addFactCheck = async (article: Pick<Article, 'id' | 'version'>, fields: Record<string, unknown> = {}) =>
  (
    await ok(server, roles.editor, ADD_FACT_CHECK, {
      input: { articleId: article.id, version: article.version, ...CLAIM, ...fields },
    })
  ).addFactCheck as Article;

const addCorrection = async (article: Pick<Article, 'id' | 'version'>, fields: Record<string, unknown> = {}) =>
  (
    await ok(server, roles.editor, ADD_CORRECTION, {
      input: {
        articleId: article.id,
        version: article.version,
        text: 'An earlier version misdated the protests.',
        ...fields,
      },
    })
  ).addCorrection as Article;

const publish = async (id: string) => ok(server, roles.editor, MOVE('publishArticle'), { id });

describe('fact-checks and corrections through the API', () => {
  it('round trip: added, read, changed, moved and removed, each a new version of the article', async () => {
    const article = await draft();
    const first = await addFactCheck(article);
    expect(first.version).toBe(article.version + 1);
    expect(first.factChecks).toEqual([
      {
        id: expect.any(String),
        position: 1,
        ...CLAIM,
        ratingValue: 2,
        ratingLabel: 'Mostly false',
      },
    ]);
    // A second one put first; the first moves down.
    const second = await addFactCheck(first, {
      claim: 'The protests began in Zhanaozen.',
      claimantName: 'A news agency',
      claimantKind: null,
      claimantUrl: null,
      appearanceUrl: null,
      appearedAt: null,
      rating: 'TRUE',
      ratingExplanation: null,
      position: 1,
    });
    expect(second.version).toBe(first.version + 1);
    expect(second.factChecks.map((check) => [check.position, check.claim])).toEqual([
      [1, 'The protests began in Zhanaozen.'],
      [2, CLAIM.claim],
    ]);
    expect(second.factChecks[0]).toMatchObject({ claimantKind: 'PERSON', ratingValue: 5, appearanceUrl: null });

    const { updateFactCheck } = await ok(server, roles.editor, UPDATE_FACT_CHECK, {
      input: {
        id: second.factChecks[1].id,
        version: second.version,
        rating: 'UNPROVEN',
        ratingExplanation: null,
        position: 1,
      },
    });
    expect(updateFactCheck.version).toBe(second.version + 1);
    expect(updateFactCheck.factChecks.map((check: any) => [check.position, check.claim, check.rating])).toEqual([
      [1, CLAIM.claim, 'UNPROVEN'],
      [2, 'The protests began in Zhanaozen.', 'TRUE'],
    ]);
    expect(updateFactCheck.factChecks[0]).toMatchObject({
      ratingValue: null,
      ratingLabel: 'Unproven',
      ratingExplanation: null,
      claimantName: CLAIM.claimantName,
    });

    const { removeFactCheck } = await ok(server, roles.editor, REMOVE_FACT_CHECK, {
      id: updateFactCheck.factChecks[0].id,
      version: updateFactCheck.version,
    });
    expect(removeFactCheck.version).toBe(updateFactCheck.version + 1);
    expect(removeFactCheck.factChecks.map((check: any) => [check.position, check.claim])).toEqual([
      [1, 'The protests began in Zhanaozen.'],
    ]);
    // What a later request reads is what the mutations answered.
    const { article: read } = await ok(server, roles.editor, READ, { id: article.id });
    expect(read.version).toBe(removeFactCheck.version);
    expect(read.factChecks).toEqual(removeFactCheck.factChecks);
  });

  it('corrections: dated, oldest first, changed and removed, each a new version', async () => {
    const article = await draft();
    const later = await addCorrection(article, { text: 'The second correction.' });
    const { version, corrections } = await addCorrection(later, {
      text: 'The first correction.',
      correctedAt: '2022-01-10T12:00:00.000Z',
    });
    expect(version).toBe(article.version + 2);
    expect(corrections.map((correction) => correction.text)).toEqual([
      'The first correction.',
      'The second correction.',
    ]);
    expect(corrections[0].correctedAt).toBe('2022-01-10T12:00:00.000Z');
    // Left out, the date is when it was added.
    expect(Date.parse(corrections[1].correctedAt)).toBeGreaterThan(Date.parse('2026-01-01'));

    const { updateCorrection } = await ok(server, roles.editor, UPDATE_CORRECTION, {
      input: { id: corrections[0].id, version, text: 'The first correction, reworded.' },
    });
    expect(updateCorrection.version).toBe(version + 1);
    expect(updateCorrection.corrections[0]).toEqual({ ...corrections[0], text: 'The first correction, reworded.' });

    const { removeCorrection } = await ok(server, roles.editor, REMOVE_CORRECTION, {
      id: corrections[1].id,
      version: updateCorrection.version,
    });
    expect(removeCorrection.corrections.map((correction: any) => correction.text)).toEqual([
      'The first correction, reworded.',
    ]);
  });

  it('refuses a change made from an old version as CONFLICT, and leaves the article as it was', async () => {
    const article = await draft();
    const checked = await addFactCheck(article);
    const stale = [
      [ADD_FACT_CHECK, { input: { articleId: article.id, version: article.version, ...CLAIM } }],
      [UPDATE_FACT_CHECK, { input: { id: checked.factChecks[0].id, version: article.version, rating: 'TRUE' } }],
      [REMOVE_FACT_CHECK, { id: checked.factChecks[0].id, version: article.version }],
      [ADD_CORRECTION, { input: { articleId: article.id, version: article.version, text: 'Late.' } }],
    ] as const;
    for (const [mutation, variables] of stale) {
      const error = onlyError(await server.query(mutation, variables, roles.editor));
      expect(error).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      expect(error.message).toContain(`it is now at version ${checked.version}`);
    }
    const { article: read } = await ok(server, roles.editor, READ, { id: article.id });
    expect(read.version).toBe(checked.version);
    expect(read.factChecks).toEqual(checked.factChecks);
    expect(read.corrections).toEqual([]);
  });

  it('refuses bad input as BAD_USER_INPUT naming the field, and what does not exist as NOT_FOUND', async () => {
    const article = await draft();
    const add = (fields: Record<string, unknown>) =>
      server.query(
        ADD_FACT_CHECK,
        { input: { articleId: article.id, version: article.version, ...CLAIM, ...fields } },
        roles.editor,
      );
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ claim: '  ' }, 'input.claim', /must not be empty/],
      [{ claim: 'x'.repeat(2001) }, 'input.claim', /at most 2000 characters/],
      [{ claimantName: '' }, 'input.claimantName', /must not be empty/],
      [{ appearanceUrl: 'javascript:alert(1)' }, 'input.appearanceUrl', /http:\/\/ or https:\/\//],
      [{ claimantUrl: 'ftp://example.org/' }, 'input.claimantUrl', /http:\/\/ or https:\/\//],
      [{ appearedAt: '2999-01-01T00:00:00Z' }, 'input.appearedAt', /has passed/],
      [{ appearedAt: '0202-01-01T00:00:00Z' }, 'input.appearedAt', /from 1900 on/],
      [{ ratingExplanation: 'x'.repeat(2001) }, 'input.ratingExplanation', /at most 2000/],
      [{ position: 0 }, 'input.position', /from 1/],
      [{ position: 2 }, 'input.position', /from 1 to 1/],
      [{ articleId: 'nonsense' }, 'input.articleId', /not a valid Article id/],
    ];
    for (const [fields, field, message] of cases) {
      const error = onlyError(await add(fields));
      expect({ ...error, message: error.message.match(message)?.[0] }).toEqual({
        code: 'BAD_USER_INPUT',
        field,
        message: expect.any(String),
      });
    }
    const correction = async (input: Record<string, unknown>) =>
      onlyError(
        await server.query(ADD_CORRECTION, { input: { articleId: article.id, version: 1, ...input } }, roles.editor),
      );
    expect(await correction({ text: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    expect(await correction({ text: 'Fine.', correctedAt: '2999-01-01T00:00:00Z' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.correctedAt',
    });
    // A bad date is refused before anything runs.
    expect(onlyError(await add({ appearedAt: 'yesterday' })).code).toBe('BAD_USER_INPUT');

    const checked = await addFactCheck(article);
    const factCheckId = checked.factChecks[0].id;
    // A fact-check's id is not an article's, nor the other way round.
    expect(onlyError(await add({ articleId: factCheckId }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.articleId',
      message: expect.stringContaining('is the id of a FactCheck, not of an Article'),
    });
    expect(
      onlyError(
        await server.query(UPDATE_FACT_CHECK, { input: { id: factCheckId, version: 2, claim: null } }, roles.editor),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claim' });
    await ok(server, roles.editor, REMOVE_FACT_CHECK, { id: factCheckId, version: checked.version });
    expect(
      onlyError(await server.query(REMOVE_FACT_CHECK, { id: factCheckId, version: checked.version + 1 }, roles.editor)),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(onlyError(await server.query(`{ node(id: "${factCheckId}") { id } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('only the newsroom writes them: anonymous callers are UNAUTHENTICATED, other keys FORBIDDEN', async () => {
    const article = await draft();
    const variables = { input: { articleId: article.id, version: article.version, ...CLAIM } };
    expect(onlyError(await server.query(ADD_FACT_CHECK, variables)).code).toBe('UNAUTHENTICATED');
    for (const role of ['partner', 'analyst'] as const) {
      expect(onlyError(await server.query(ADD_FACT_CHECK, variables, roles[role])).code).toBe('FORBIDDEN');
      const correction = { input: { articleId: article.id, version: article.version, text: 'No.' } };
      expect(onlyError(await server.query(ADD_CORRECTION, correction, roles[role])).code).toBe('FORBIDDEN');
    }
    const byAdmin = await server.query(ADD_FACT_CHECK, variables, roles.admin);
    expect(byAdmin.errors).toBeUndefined();
  });

  it('a draft’s fact-checks and corrections are the newsroom’s until it is published', async () => {
    const slug = `fact-checked-draft-${process.pid}`;
    const article = await addCorrection(await addFactCheck(await draft({ slug })));
    const bySlug = `{ article(slug: "${slug}") { factChecks { claim } corrections { text } } }`;
    for (const role of ['anonymous', 'partner', 'analyst'] as const) {
      expect((await ok(server, roles[role], bySlug)).article).toBeNull();
      const { articles } = await ok(server, roles[role], `{ articles(first: 100) { edges { node { slug } } } }`);
      expect(articles.edges.map((edge: any) => edge.node.slug)).not.toContain(slug);
    }
    await publish(article.id);
    expect((await ok(server, {}, bySlug)).article).toEqual({
      factChecks: [{ claim: CLAIM.claim }],
      corrections: [{ text: 'An earlier version misdated the protests.' }],
    });
  });
});

describe('the change feed', () => {
  const CHANGES = /* GraphQL */ `
    query ($since: String) {
      changes(since: $since, first: 500) {
        changes {
          kind
          articleId
          article {
            version
            factChecks {
              claim
            }
            corrections {
              text
            }
          }
        }
        nextToken
      }
    }
  `;

  it('a fact-check or correction added to a published article is an UPDATED of it, with it in the article', async () => {
    const article = await draft();
    const published = (await publish(article.id)).publishArticle;
    const { changes: start } = await ok(server, roles.partner, CHANGES, {});

    const checked = await addFactCheck(published);
    const { changes: afterCheck } = await ok(server, roles.partner, CHANGES, { since: start.nextToken });
    expect(afterCheck.changes).toEqual([
      {
        kind: 'UPDATED',
        articleId: article.id,
        article: { version: checked.version, factChecks: [{ claim: CLAIM.claim }], corrections: [] },
      },
    ]);

    await addCorrection(checked, { text: 'Corrected the date.' });
    const { changes: afterCorrection } = await ok(server, roles.partner, CHANGES, { since: afterCheck.nextToken });
    expect(afterCorrection.changes).toEqual([
      expect.objectContaining({
        kind: 'UPDATED',
        articleId: article.id,
        article: expect.objectContaining({ corrections: [{ text: 'Corrected the date.' }] }),
      }),
    ]);
  });
});

describe('Article.claimReviewJsonLd', () => {
  it('is schema.org ClaimReview JSON-LD: the claim, who made it and where, the rating, the publisher', async () => {
    const slug = `claim-review-${process.pid}`;
    const article = await addFactCheck(await draft({ slug }));
    await publish(article.id);
    const { article: read } = await ok(server, {}, READ, { id: article.id });
    const jsonLd = JSON.parse(read.claimReviewJsonLd);
    expect(jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@graph': [
        {
          '@type': 'ClaimReview',
          url: `https://news.example.org/articles/${slug}`,
          claimReviewed: CLAIM.claim,
          itemReviewed: {
            '@type': 'Claim',
            author: { '@type': 'Organization', name: CLAIM.claimantName, sameAs: CLAIM.claimantUrl },
            datePublished: CLAIM.appearedAt,
            appearance: { '@type': 'CreativeWork', url: CLAIM.appearanceUrl, datePublished: CLAIM.appearedAt },
          },
          author: { '@type': 'Organization', name: 'news.example.org', url: 'https://news.example.org' },
          reviewRating: {
            '@type': 'Rating',
            ratingValue: 2,
            bestRating: 5,
            worstRating: 1,
            alternateName: 'Mostly false',
            ratingExplanation: CLAIM.ratingExplanation,
          },
          datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ],
    });
    const { article: unchecked } = await ok(server, roles.editor, READ, { id: (await draft()).id });
    expect(unchecked.claimReviewJsonLd).toBeNull();
  });

  it('cannot end the script element it is put in, whatever the claim says, and reads back as it was written', async () => {
    const claim = 'It is safe </script><script>alert(1)</script> <!-- & \u2028 done';
    const article = await addFactCheck(await draft(), { claim, claimantName: 'A <b>claimant</b>' });
    const { article: read } = await ok(server, roles.editor, READ, { id: article.id });
    const text: string = read.claimReviewJsonLd;
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    const page = `<script type="application/ld+json">${text}</script>`;
    expect(page.indexOf('</script>')).toBe(page.length - '</script>'.length);
    const [review] = JSON.parse(text)['@graph'];
    expect(review.claimReviewed).toBe(claim);
    expect(review.itemReviewed.author.name).toBe('A <b>claimant</b>');
  });
});

describe('ninjs', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object', required: ['type'] });
  const validNinjs = ajv.compile(ninjsSchema);

  it('carries corrections and fact-checks as descriptions, the ClaimReview among them, and stays valid ninjs 3.1', async () => {
    const article = await addCorrection(await addFactCheck(await draft({ summary: 'A summary.' })), {
      correctedAt: '2022-01-10T12:00:00.000Z',
      text: 'An earlier version misdated the protests.',
    });
    const { article: read } = await ok(server, roles.editor, `query ($id: ID!) { article(id: $id) { ninjs } }`, {
      id: article.id,
    });
    const { ninjs } = read;
    expect(validNinjs(ninjs)).toBe(true);
    expect(validNinjs.errors ?? []).toEqual([]);
    expect(ninjs.version).toBe(String(article.version));
    expect(ninjs.descriptions).toEqual([
      { role: 'summary', value: 'A summary.' },
      {
        role: 'correction',
        contentType: 'text/plain',
        value: 'Corrected 2022-01-10T12:00:00.000Z: An earlier version misdated the protests.',
      },
      {
        role: 'factCheck',
        contentType: 'text/plain',
        value: `Ministry of Energy claimed: “${CLAIM.claim}” Rated Mostly false. ${CLAIM.ratingExplanation}`,
      },
      { role: 'claimReview', contentType: 'application/ld+json', value: expect.any(String) },
    ]);
    const claimReview = JSON.parse(ninjs.descriptions[3].value);
    expect(claimReview['@graph'][0]).toMatchObject({ '@type': 'ClaimReview', claimReviewed: CLAIM.claim });
  });
});

describe('batching', () => {
  it('a page of articles with their fact-checks and corrections costs as many statements for 40 as for 1', async () => {
    await insertWhileServing(server.database.dataSource, {
      articles: 40,
      sources: 5,
      regionFanout: [2, 2, 2, 2],
      bodyBytes: 200,
    });
    // Some of the newest carry fact-checks and corrections.
    const { articles } = await ok(server, roles.editor, `{ articles(first: 6) { edges { node { id version } } } }`);
    for (const { node } of articles.edges.slice(0, 5)) await addCorrection(await addFactCheck(node));
    const page = async (first: number) => {
      const response = await server.query(
        `query ($first: Int!) {
           articles(first: $first) { edges { node { id factChecks { claim } corrections { text } claimReviewJsonLd } } }
         }`,
        { first },
        roles.editor,
      );
      expect(response.errors).toBeUndefined();
      return response;
    };
    const forty = await page(40);
    const checked = new Set(articles.edges.slice(0, 5).map((edge: any) => edge.node.id));
    const onPage = forty.data!.articles.edges.filter((edge: any) => checked.has(edge.node.id));
    expect(onPage.map((edge: any) => edge.node.factChecks.at(-1))).toEqual(Array(5).fill({ claim: CLAIM.claim }));
    expect(forty.extensions!.queryStats!.sqlStatements).toBe((await page(1)).extensions!.queryStats!.sqlStatements);
  });
});

describe('feeds at the gateway', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack({ content: server });
  });
  afterAll(() => stack?.stopAllButContent());

  const get = (path: string, headers: Headers = {}) =>
    fetch(`http://127.0.0.1:${stack.gateway.port}${path}`, { headers });

  it('show corrections and ratings in Atom and JSON Feed entries, and a new ETag when they change', async () => {
    const label = `Checked ${process.pid}`;
    const atomPath = `/feeds/labels/${encodeURIComponent(label)}.atom`;
    const jsonPath = `/feeds/labels/${encodeURIComponent(label)}.json`;
    const article = await draft({ label, summary: 'What was said, and what is so.' });
    await publish(article.id);
    const plain = await get(atomPath);
    const etag = plain.headers.get('etag')!;
    expect(await plain.text()).not.toContain('Fact-check');
    expect((await (await get(jsonPath)).json()).items[0]._fact_checking).toBeUndefined();

    // Through the gateway, so its response cache hears of the writes.
    const write = async (mutation: string, input: Record<string, unknown>, field: string) => {
      const response = await stack.query(mutation, { input }, roles.editor);
      expect(response.errors).toBeUndefined();
      return response.data![field] as Article;
    };
    const checked = await write(
      ADD_FACT_CHECK,
      { articleId: article.id, version: article.version + 1, ...CLAIM, claim: 'Prices <b>doubled</b> ]]> overnight.' },
      'addFactCheck',
    );
    await write(
      ADD_CORRECTION,
      {
        articleId: article.id,
        version: checked.version,
        text: 'Corrected on <i>Monday</i>.',
        correctedAt: '2022-01-10T12:00:00Z',
      },
      'addCorrection',
    );

    const changed = await get(atomPath, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const xml = await changed.text();
    expect(() => parseStrictly(xml)).not.toThrow();
    expect(xml).toContain('term="MOSTLY_FALSE"');
    expect(xml).toContain('label="Fact-check: Mostly false"');
    expect(xml).toContain('scheme="https://schema.org/ClaimReview"');
    expect(xml).toContain('<strong>Correction, 2022-01-10:</strong> Corrected on &lt;i&gt;Monday&lt;/i&gt;.');
    expect(xml).toContain('Prices &lt;b&gt;doubled&lt;/b&gt; ]]&gt; overnight.');

    const feed = await (await get(jsonPath)).json();
    expect(feed.items[0]._fact_checking).toEqual({
      corrections: [{ date: '2022-01-10T12:00:00.000Z', text: 'Corrected on <i>Monday</i>.' }],
      fact_checks: [
        {
          claim: 'Prices <b>doubled</b> ]]> overnight.',
          claimant: CLAIM.claimantName,
          appearance_url: CLAIM.appearanceUrl,
          rating: 'MOSTLY_FALSE',
          rating_label: 'Mostly false',
          rating_value: 2,
          best_rating: 5,
          worst_rating: 1,
          rating_explanation: CLAIM.ratingExplanation,
        },
      ],
    });
    // The JSON Feed's content is still the summary, its tags the label.
    expect(feed.items[0]).toMatchObject({ content_html: 'What was said, and what is so.', tags: [label] });
  });
});

/** Parses XML as a strict parser does (a feed reader's): throws on anything not well-formed. */
function parseStrictly(xml: string): void {
  const parser = sax.parser(true);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
}
