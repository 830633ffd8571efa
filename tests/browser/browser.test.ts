import type { Page } from 'playwright-core';
import { createApiKey } from '../../src/auth/api-keys';
import { GRAPHIQL_TABS } from '../../src/gateway/graphiql';
import { launchChromium, screenshot, startWebPreview } from '../support/browser';
import { CREATE, draftInput, MOVE, ok } from '../support/editorial';
import { FederatedStack, startFederatedStack } from '../support/federation';

/**
 * The graph in a browser (Debian's Chromium through playwright-core): the gateway's GraphiQL page
 * and the reference frontend (examples/web) on the whole stack, with the gateway's CSRF prevention
 * on as in production. Found through the UI, not by id: the sample article, its photos, its regions.
 */

const SAMPLE_TITLE = 'What’s happening in Kazakhstan?';
/** The frontend's page size (examples/web/src/pages/front-page.tsx). */
const PAGE_SIZE = 5;

let stack: FederatedStack;
let gatewayOrigin: string;
let web: Awaited<ReturnType<typeof startWebPreview>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  stack = await startFederatedStack({ gateway: { graphiql: true, csrfPrevention: true } });
  gatewayOrigin = new URL(stack.gateway.url).origin;
  // More published articles than one page holds, newer than the sample.
  const { key } = await createApiKey(stack.content.database.dataSource, { role: 'editor', name: 'browser tests' });
  const editor = { authorization: `Bearer ${key}` };
  for (let index = 0; index < PAGE_SIZE; index += 1) {
    const { createArticle } = await ok(stack, editor, CREATE, { input: draftInput() });
    await ok(stack, editor, MOVE('publishArticle'), { id: createArticle.id });
  }
  [web, browser] = await Promise.all([startWebPreview(gatewayOrigin), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await stack?.stop();
});

beforeEach(async () => {
  page = await browser.context.newPage();
});
afterEach(() => page.close());

/** Requests the page sends to /graphql from now on. */
function graphqlRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') seen.push(request.postData() ?? request.url());
  });
  return seen;
}

describe('the GraphiQL page', () => {
  it('opens at the gateway root with the sample operations, runs one and shows the answer, loading nothing from elsewhere', async () => {
    const offsiteBefore = browser.offsite.length;
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${gatewayOrigin}/`);
    expect(new URL(page.url()).pathname).toBe('/graphql');
    await page.getByRole('tab', { name: 'Search' }).waitFor();
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['FrontPage', 'ArticlePage', 'Region', 'Search']);

    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await response.getByText(SAMPLE_TITLE).first().waitFor();
    expect(await response.innerText()).toContain('"totalCount"');
    // A header editor, where an API key goes.
    await page.getByRole('button', { name: 'Headers' }).click();
    await screenshot(page, 'graphiql');

    expect(browser.offsite.slice(offsiteBefore)).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('loads the schema: its docs show the query type’s fields', async () => {
    const schemaAnswer = page.waitForResponse((response) => /__schema/.test(response.request().postData() ?? ''));
    await page.goto(`${gatewayOrigin}/graphql`);
    expect((await (await schemaAnswer).json()).errors).toBeUndefined();
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Root Types').waitFor();
    await docs.getByText('Query', { exact: true }).click();
    await docs.getByText('articles', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Error fetching schema');
    await screenshot(page, 'graphiql-docs');
  });

  it.each(GRAPHIQL_TABS.map((tab) => [/query (\w+)/.exec(tab.query)![1], tab] as const))(
    'its example %s answers on the sample without errors',
    async (_name, tab) => {
      const response = await stack.query(tab.query, tab.variables ? JSON.parse(tab.variables) : undefined);
      expect(response.errors).toBeUndefined();
      expect(JSON.stringify(response.data)).toContain(SAMPLE_TITLE);
    },
  );
});

describe('the reference frontend', () => {
  it('pages through the front page with "Load more"', async () => {
    await page.goto(web.url);
    const items = page.locator('ol.articles > li');
    await items.nth(PAGE_SIZE - 1).waitFor();
    expect(await items.count()).toBe(PAGE_SIZE);
    const requests = graphqlRequests(page);
    await page.getByRole('button', { name: 'Load more' }).click();
    await items.nth(PAGE_SIZE).waitFor();
    // The first page stays; the second is appended to it, fetched with the first page's cursor.
    expect(await items.count()).toBeLessThanOrEqual(2 * PAGE_SIZE);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]).variables).toEqual({ first: PAGE_SIZE, after: expect.any(String) });
    await screenshot(page, 'front-page');
  });

  it('finds the sample article by searching, shows its four photos with their credits, and goes to a region', async () => {
    await page.goto(web.url);
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('Kazakhstan protests');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: SAMPLE_TITLE }).click();

    await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
    const credits = page.locator('section[aria-label="Photos"] figure .credit');
    expect(await credits.allInnerTexts()).toEqual([
      'Photo: Getty Images',
      'Photo: TASS',
      'Photo: Reuters',
      'No credit given',
    ]);
    await screenshot(page, 'article');

    const regions = page.getByRole('navigation', { name: 'Regions' });
    expect(await regions.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['Kazakhstan', 'Mangystau', 'Almaty']),
    );
    await regions.getByRole('link', { name: 'Mangystau' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mangystau' }).waitFor();
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await breadcrumb.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['Central Asia', 'Kazakhstan']),
    );
    await page.locator('ol.articles').getByRole('link', { name: SAMPLE_TITLE }).waitFor();
    await screenshot(page, 'region');

    // Back on the article: everything it shows is in the cache already, so the gateway is not asked.
    const requests = graphqlRequests(page);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
    expect(requests).toEqual([]);
  });
});
