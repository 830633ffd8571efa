import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { referenceOperations } from '../scripts/reference-operations';
import { createApiKey } from '../src/auth/api-keys';
import { SAFELIST_FILE, safelistEntries } from '../src/gateway/safelist';
import { connectRedis, SharedRedis } from '../src/redis/redis';
import { FederatedStack, startFederatedStack } from './support/federation';
import { startPrivateRedis } from './support/private-redis';
import { postTo } from './support/raw-requests';

/**
 * Persisted operations at the gateway, through HTTP as clients send them: automatic persisted
 * queries (Apollo's protocol) over POST and GET, shared through Redis and working without it, and
 * the safelist for restricted keys and, when configured, anonymous callers.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const persistedQuery = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A hash-only request over GET, as a CDN would see it. */
async function getByHash(url: string, hash: string, headers: Record<string, string> = {}) {
  const search = new URLSearchParams({ extensions: JSON.stringify(persistedQuery(hash)) });
  const response = await fetch(`${url}?${search}`, { headers });
  return {
    status: response.status,
    body: (await response.json()) as any,
    cacheControl: response.headers.get('cache-control'),
  };
}

/** The query with its hash: what a client sends after PERSISTED_QUERY_NOT_FOUND. */
const register = (url: string, query: string, headers: Record<string, string> = {}) =>
  postTo(url, { query, extensions: persistedQuery(sha256(query)) }, headers);

const codes = (body: { errors?: { extensions?: { code?: string } }[] }) =>
  (body.errors ?? []).map((error) => error.extensions?.code);

const NOT_FOUND = { status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'] };
const outcome = ({ status, body }: { status: number; body: any }) => ({ status, codes: codes(body) });

/** A query no other test registers, answered on the sample: one published article. */
const countQuery = (name: string) => `query ${name} { articles(first: 1) { totalCount } }`;
const COUNTED = { status: 200, data: { articles: { totalCount: 1 } }, errors: undefined };
/** What a client reads of an answer (the suite's stacks add query statistics in `extensions`). */
const answer = ({ status, body }: { status: number; body: any }) => ({ status, data: body.data, errors: body.errors });

const silent = { warn: () => {}, info: () => {} };

describe('automatic persisted queries', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    stack = await startFederatedStack();
  });
  afterAll(() => stack.stop());

  it('round trip: an unknown hash over GET is PERSISTED_QUERY_NOT_FOUND; once registered by POST, the hash alone is answered over GET', async () => {
    const query = countQuery('RoundTrip');
    const url = stack.gateway.url;
    const unknown = await getByHash(url, sha256(query));
    expect(outcome(unknown)).toEqual(NOT_FOUND);
    // A CDN in front must not keep it, or it would go on answering the hash once registered.
    expect(unknown.cacheControl).toMatch(/no-store/);
    expect(answer(await register(url, query))).toEqual(COUNTED);
    expect(answer(await getByHash(url, sha256(query)))).toEqual(COUNTED);
  });

  it('registers over GET too, with the query in the URL', async () => {
    const query = countQuery('RegisteredByGet');
    const search = new URLSearchParams({ query, extensions: JSON.stringify(persistedQuery(sha256(query))) });
    const registered = await fetch(`${stack.gateway.url}?${search}`);
    expect(answer({ status: registered.status, body: await registered.json() })).toEqual(COUNTED);
    expect(answer(await getByHash(stack.gateway.url, sha256(query)))).toEqual(COUNTED);
  });

  it('refuses a hash that is not the hash of the query sent with it, and keeps nothing under it', async () => {
    const query = countQuery('Mismatched');
    const wrongHash = sha256('{ __typename }');
    const refused = await postTo(stack.gateway.url, { query, extensions: persistedQuery(wrongHash) });
    expect(outcome(refused)).toEqual({ status: 400, codes: ['PERSISTED_QUERY_MISMATCH'] });
    expect(refused.body.errors[0].message).toMatch(/not the SHA-256 of the query sent with it/);
    expect(outcome(await getByHash(stack.gateway.url, wrongHash))).toEqual(NOT_FOUND);
  });

  it('a registered query meets the same limits as one sent in full, by its hash too', async () => {
    const query = `query TooDeep { region(code: "KZ") { ${'parent { '.repeat(12)}name${' }'.repeat(12)} } }`;
    const refusal = { status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] };
    const accept = { accept: 'application/graphql-response+json' };
    expect(outcome(await register(stack.gateway.url, query, accept))).toEqual(refusal);
    expect(outcome(await getByHash(stack.gateway.url, sha256(query), accept))).toEqual(refusal);
  });

  it('keeps nothing it could never run: a text that does not parse, or one padded past 64 KB with a comment', async () => {
    for (const query of ['{ articles(first: 1) { totalCount }', `#${'x'.repeat(100_000)}\n${countQuery('Padded')}`]) {
      expect((await register(stack.gateway.url, query)).status).not.toBe(500);
      expect(outcome(await getByHash(stack.gateway.url, sha256(query)))).toEqual(NOT_FOUND);
    }
  });

  it('serves the safelisted operations by hash without registering them', async () => {
    const [hash, text] = Object.entries(safelistEntries(referenceOperations()))[2];
    const byText = await stack.query(text);
    expect(answer(await getByHash(stack.gateway.url, hash))).toEqual({
      status: 200,
      data: byText.data,
      errors: undefined,
    });
  });
});

describe('automatic persisted queries shared through Redis by two gateways', () => {
  let first: FederatedStack;
  let second: FederatedStack;
  let redisServer: Awaited<ReturnType<typeof startPrivateRedis>>;
  let connections: SharedRedis[];
  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    connections = [connectRedis(redisServer.url, silent), connectRedis(redisServer.url, silent)];
    await until(() => connections.every((connection) => connection.ready));
    first = await startFederatedStack({ gateway: { redis: connections[0] } });
    second = await startFederatedStack({ content: first.content, gateway: { redis: connections[1] } });
  });
  afterAll(async () => {
    await second.stopAllButContent();
    await first.stop();
    for (const connection of connections) await connection.close();
    await redisServer.stop();
  });

  it('a query registered through one gateway is answered by its hash through the other', async () => {
    const query = countQuery('Shared');
    expect(answer(await register(first.gateway.url, query))).toEqual(COUNTED);
    expect(answer(await getByHash(second.gateway.url, sha256(query)))).toEqual(COUNTED);
  });

  it('with Redis stopped and started again, every request is answered, at worst after the protocol’s one resend', async () => {
    const before = countQuery('BeforeTheOutage');
    expect((await register(first.gateway.url, before)).status).toBe(200);
    expect((await getByHash(second.gateway.url, sha256(before))).status).toBe(200);

    await redisServer.stop();
    // What each gateway already holds is still answered by hash.
    expect(answer(await getByHash(second.gateway.url, sha256(before)))).toEqual(COUNTED);
    // A query registered during the outage: the other gateway asks for it once, then has it.
    const during = countQuery('DuringTheOutage');
    expect(answer(await register(first.gateway.url, during))).toEqual(COUNTED);
    expect(answer(await getByHash(first.gateway.url, sha256(during)))).toEqual(COUNTED);
    expect(outcome(await getByHash(second.gateway.url, sha256(during)))).toEqual(NOT_FOUND);
    expect(answer(await register(second.gateway.url, during))).toEqual(COUNTED);
    expect(answer(await getByHash(second.gateway.url, sha256(during)))).toEqual(COUNTED);

    await redisServer.start();
    await until(() => connections.every((connection) => connection.ready));
    const after = countQuery('AfterTheOutage');
    expect(answer(await register(first.gateway.url, after))).toEqual(COUNTED);
    expect(answer(await getByHash(second.gateway.url, sha256(after)))).toEqual(COUNTED);
  });
});

describe('the safelist', () => {
  const safelist = Object.entries(safelistEntries(referenceOperations()));
  // The README's region page: it reaches both subgraphs.
  const [listedHash] = safelist[2];
  const listedAsWritten = referenceOperations()[2];
  const unlisted = countQuery('NotInTheSafelist');

  it(`${SAFELIST_FILE} is what npm run persisted writes from the reference operations`, () => {
    expect(JSON.parse(readFileSync(SAFELIST_FILE, 'utf8'))).toEqual(Object.fromEntries(safelist));
  });

  describe('for a key restricted to it', () => {
    let stack: FederatedStack;
    let restricted: Record<string, string>;
    let unrestricted: Record<string, string>;
    beforeAll(async () => {
      stack = await startFederatedStack();
      const keyHeaders = async (safelistOnly: boolean) => {
        const { dataSource } = stack.content.database;
        const { key } = await createApiKey(dataSource, { role: 'partner', name: 'Partner', safelistOnly });
        return { authorization: `Bearer ${key}` };
      };
      restricted = await keyHeaders(true);
      unrestricted = await keyHeaders(false);
    });
    afterAll(() => stack.stop());

    it('answers a safelisted operation, sent as its text (laid out as written) or by its hash over GET', async () => {
      const byText = await stack.query(listedAsWritten, undefined, restricted);
      expect({ status: byText.status, errors: byText.errors }).toEqual({ status: 200, errors: undefined });
      expect(byText.data?.region.name).toBe('Mangystau');
      expect(answer(await getByHash(stack.gateway.url, listedHash, restricted))).toEqual({
        status: 200,
        data: byText.data,
        errors: undefined,
      });
    });

    it('refuses any other operation with 403 OPERATION_NOT_ALLOWED, sent in full or registered by APQ', async () => {
      const refusal = { status: 403, codes: ['OPERATION_NOT_ALLOWED'] };
      const inFull = await postTo(stack.gateway.url, { query: unlisted }, restricted);
      expect(outcome(inFull)).toEqual(refusal);
      expect(inFull.body.errors[0].message).toMatch(/may run only the safelisted operations/);
      expect(outcome(await register(stack.gateway.url, countQuery('RegisteredByARestrictedKey'), restricted))).toEqual(
        refusal,
      );
    });

    it('leaves a key without the restriction free to run anything', async () => {
      expect(answer(await postTo(stack.gateway.url, { query: unlisted }, unrestricted))).toEqual(COUNTED);
    });
  });

  describe('for anonymous callers, when ANONYMOUS_SAFELIST_ONLY is set', () => {
    let stack: FederatedStack;
    let partner: Record<string, string>;
    beforeAll(async () => {
      stack = await startFederatedStack({ gateway: { anonymousSafelistOnly: true } });
      const { key } = await createApiKey(stack.content.database.dataSource, { role: 'partner', name: 'Partner' });
      partner = { authorization: `Bearer ${key}` };
    });
    afterAll(() => stack.stop());

    it('answers the safelisted operations by hash', async () => {
      const { status, body } = await getByHash(stack.gateway.url, listedHash);
      expect({ status, errors: body.errors, name: body.data?.region.name }).toEqual({
        status: 200,
        errors: undefined,
        name: 'Mangystau',
      });
    });

    it('refuses any other operation with 403 PERSISTED_QUERY_REQUIRED, even registered by APQ', async () => {
      const refusal = { status: 403, codes: ['PERSISTED_QUERY_REQUIRED'] };
      const inFull = await postTo(stack.gateway.url, { query: unlisted });
      expect(outcome(inFull)).toEqual(refusal);
      expect(inFull.body.errors[0].message).toMatch(/Without an API key, only the safelisted operations/);
      expect(outcome(await getByHash(stack.gateway.url, sha256(unlisted)))).toEqual(NOT_FOUND);
      expect(outcome(await register(stack.gateway.url, unlisted))).toEqual(refusal);
    });

    it('still runs anything for a caller with an API key', async () => {
      expect(answer(await postTo(stack.gateway.url, { query: unlisted }, partner))).toEqual(COUNTED);
    });
  });
});

/** Waits for a condition the test cannot be told about (a Redis connection coming back). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 10_000) throw new Error('gave up waiting after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
