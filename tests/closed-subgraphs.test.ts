import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { supergraphSource } from '../src/gateway/supergraph-source';
import { SIGNATURE_HEADER, signSubgraphRequest } from '../src/server/subgraph-signature';
import { EngagementStore, sampleEngagement } from '../src/subgraphs/engagement/engagement.store';
import { CREATE, draftInput, headersByRole } from './support/editorial';
import { FederatedStack, startFederatedStack } from './support/federation';
import { postTo } from './support/raw-requests';
import { startTestServer } from './support/server';

/**
 * With SUBGRAPH_SECRET set, the subgraphs answer only what the gateway signed: everything still
 * works through the gateway, and nobody who reaches a subgraph's port gets an answer from it.
 */
const SECRET = randomBytes(24).toString('hex');
const SAMPLE = 'whats-happening-in-kazakhstan';
const DRAFT = `closed-draft-${process.pid}`;

let stack: FederatedStack;
let editor: Record<string, string>;
/** Each subgraph's address, as the gateway reaches it. */
let subgraphs: { content: string; engagement: string };

/** The sample, a draft that the engagement service lists as most viewed, and a closed stack. */
beforeAll(async () => {
  const content = await startTestServer({ subgraphSecret: SECRET });
  editor = (await headersByRole(content)).editor;
  const engagementStore = new EngagementStore({
    ...sampleEngagement,
    articles: { ...sampleEngagement.articles, [DRAFT]: { views: 99_999, shares: 0, comments: 0 } },
  });
  stack = await startFederatedStack({ content, engagementStore, subgraphSecret: SECRET });
  subgraphs = { content: content.url, engagement: stack.proxies.engagement.url };
  const created = await stack.query(CREATE, { input: draftInput({ slug: DRAFT }) }, editor);
  expect(created.errors).toBeUndefined();
});
afterAll(() => stack?.stop());

/** A POST the way the gateway signs it; `signedBody` is what the signature covers, when not the body. */
function asGateway(url: string, body: string, options: { secret?: string; at?: number; signedBody?: string } = {}) {
  const signature = signSubgraphRequest(options.secret ?? SECRET, options.signedBody ?? body, options.at);
  return postTo(url, body, { [SIGNATURE_HEADER]: signature });
}

const refusal = (reason: string) => ({
  errors: [
    {
      message: `This subgraph answers only the gateway, and ${reason}: send requests through the gateway.`,
      extensions: { code: 'FORBIDDEN' },
    },
  ],
});

describe('through the gateway, the closed stack works as before', () => {
  it('answers a query that reaches both subgraphs, every subgraph request signed', async () => {
    const from = { content: stack.proxies.content.seen.length, engagement: stack.proxies.engagement.seen.length };
    const { data, errors } = await stack.query(
      `query ($slug: String!) { article(slug: $slug) { title regions { code followers } engagement { views } readingTimeMinutes } }`,
      { slug: SAMPLE },
    );
    expect(errors).toBeUndefined();
    expect(data!.article).toMatchObject({
      title: 'What’s happening in Kazakhstan?',
      engagement: { views: 18_240 },
      readingTimeMinutes: expect.any(Number),
    });
    expect(data!.article.regions).toContainEqual({ code: 'KZ', followers: 5_130 });
    const seen = [
      ...stack.proxies.content.seen.slice(from.content),
      ...stack.proxies.engagement.seen.slice(from.engagement),
    ];
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const headers of seen) expect(headers[SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('checks an API key with a signed request: a good key sees the draft, a bad one gets 401', async () => {
    const QUERY = `{ article(slug: "${DRAFT}") { slug status } }`;
    const good = await stack.query(QUERY, {}, editor);
    expect(good.errors).toBeUndefined();
    expect(good.data!.article).toEqual({ slug: DRAFT, status: 'DRAFT' });
    // 401, not 403: the content service read the key, so the check's request was signed.
    const bad = await stack.query(QUERY, {}, { authorization: 'Bearer not-a-key' });
    expect(bad.status).toBe(401);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('composes from the subgraphs’ _service in development mode (introspect) with signed requests', async () => {
    const introspecting = await startFederatedStack({
      content: stack.content,
      subgraphSecret: SECRET,
      introspect: { pollIntervalMs: 60_000 },
    });
    try {
      const { data, errors } = await introspecting.query(
        `{ article(slug: "${SAMPLE}") { title engagement { views } } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.article).toEqual({ title: 'What’s happening in Kazakhstan?', engagement: { views: 18_240 } });
    } finally {
      await introspecting.stopAllButContent();
    }
  });

  it('refuses to compose with another secret, saying the subgraph refused and why', async () => {
    const content = { name: 'content', url: subgraphs.content, timeoutMs: 5_000 };
    const otherSecret = randomBytes(24).toString('hex');
    await expect(
      supergraphSource({ supergraph: 'introspect', supergraphPath: '' }, [content], otherSecret),
    ).rejects.toThrow(
      `subgraph "content" at ${subgraphs.content} refused _service { sdl } (HTTP 403): ` +
        'This subgraph answers only the gateway, and the signature does not match: send requests through the gateway.',
    );
  });

  it('keeps visibility rules for the entities the gateway asks for: an anonymous caller’s draft stays null', async () => {
    const TRENDING = '{ trendingArticles(first: 2) { slug title } }';
    const anonymous = await stack.query(TRENDING);
    expect(anonymous.data!.trendingArticles).toEqual([null, { slug: SAMPLE, title: expect.any(String) }]);
    expect(anonymous.errors).toEqual([
      expect.objectContaining({ path: ['trendingArticles', 0, 'title'], extensions: { code: 'NOT_FOUND' } }),
    ]);
    const newsroom = await stack.query(TRENDING, {}, editor);
    expect(newsroom.errors).toBeUndefined();
    expect(newsroom.data!.trendingArticles[0]).toEqual({ slug: DRAFT, title: expect.any(String) });

    // A signed `_entities` request, as the gateway sends it: signing proves the caller, not the viewer.
    const entities = await asGateway(
      subgraphs.content,
      JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Article { slug } } }',
        variables: {
          r: [
            { __typename: 'Article', slug: DRAFT },
            { __typename: 'Article', slug: SAMPLE },
          ],
        },
      }),
    );
    expect(entities).toMatchObject({ status: 200, body: { data: { _entities: [null, { slug: SAMPLE }] } } });
  });
});

describe('reached directly, a subgraph answers nothing that the gateway did not sign', () => {
  const services = ['content', 'engagement'] as const;
  const BODY = JSON.stringify({ query: '{ __typename }' });

  it.each(services)('%s refuses a request without a signature, with 403 and the reason', async (service) => {
    expect(await postTo(subgraphs[service], BODY)).toEqual({ status: 403, body: refusal('the request is not signed') });
    const get = await fetch(`${subgraphs[service]}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    expect(await get.json()).toEqual(refusal('the request is not signed'));
  });

  it.each(services)('%s refuses a signature made with another secret, or malformed', async (service) => {
    const other = await asGateway(subgraphs[service], BODY, { secret: randomBytes(24).toString('hex') });
    expect(other).toEqual({ status: 403, body: refusal('the signature does not match') });
    const malformed = await postTo(subgraphs[service], BODY, { [SIGNATURE_HEADER]: SECRET });
    expect(malformed).toEqual({ status: 403, body: refusal('the signature is malformed') });
  });

  it.each(services)('%s refuses a signature made 10 minutes ago', async (service) => {
    const old = await asGateway(subgraphs[service], BODY, { at: Date.now() - 10 * 60_000 });
    expect(old).toEqual({ status: 403, body: refusal('the signature has expired') });
  });

  it.each(services)('%s refuses a signature replayed with another body', async (service) => {
    const replayed = await asGateway(subgraphs[service], JSON.stringify({ query: '{ _service { sdl } }' }), {
      signedBody: BODY,
    });
    expect(replayed).toEqual({ status: 403, body: refusal('the signature does not match') });
    // The signed body itself is answered: the refusal was the body's, not the signature's.
    expect(await asGateway(subgraphs[service], BODY)).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it.each(services)('%s answers neither _entities nor _service unsigned', async (service) => {
    const entities = await postTo(subgraphs[service], {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
      variables: { r: [{ __typename: 'Article', slug: SAMPLE }] },
    });
    expect(entities).toEqual({ status: 403, body: refusal('the request is not signed') });
    const sdl = await postTo(subgraphs[service], { query: '{ _service { sdl } }' });
    expect(sdl).toEqual({ status: 403, body: refusal('the request is not signed') });
  });

  it.each(services)(
    '%s refuses an unsigned request before reading its body, and closes the connection',
    async (service) => {
      // 7 MB announced, 1 KB sent: the answer must come without the rest (no read, no parse).
      const { hostname, port } = new URL(subgraphs[service]);
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7000000\r\n\r\n' +
          `{"query":"${'a'.repeat(1000)}`,
      );
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 403 /);
      expect(answer).toMatch(/connection: close/i);
      expect(answer).toContain('the request is not signed');
    },
  );

  it.each(services)('%s still answers its health checks, which load balancers call unsigned', async (service) => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const response = await fetch(subgraphs[service].replace(/\/graphql$/, path));
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('leaves the gateway ready: it checks the subgraphs’ readiness unsigned', async () => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, '/health/ready'));
    expect(response.status).toBe(200);
  });
});

describe('mutations over GET and batches of operations', () => {
  const MUTATION = 'mutation { deleteArticle(id: "QXJ0aWNsZTox") }';
  const GET_MUTATION = {
    errors: [
      {
        message: 'Send mutations with POST: a GET request may carry only a query.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  };
  const NO_BATCHES = {
    errors: [
      {
        message:
          'This server does not accept batches (a JSON array of operations): send one operation per request, as a JSON object.',
        extensions: { code: 'BAD_REQUEST' },
      },
    ],
  };
  const batch = (size: number) => Array.from({ length: size }, (_, index) => ({ query: `{ n${index}: __typename }` }));

  /** A GET the way the gateway would sign it (the query string), with the header CSRF prevention asks for. */
  const signedGet = async (url: string, query: string) => {
    const search = `?query=${encodeURIComponent(query)}`;
    const response = await fetch(`${url}${search}`, {
      headers: { [SIGNATURE_HEADER]: signSubgraphRequest(SECRET, search), 'apollo-require-preflight': '1' },
    });
    return { status: response.status, allow: response.headers.get('allow'), body: await response.json() };
  };

  it('refuses a mutation over GET at the gateway and at the content subgraph: 405, use POST', async () => {
    const gateway = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(MUTATION)}`, {
      headers: { 'apollo-require-preflight': '1', ...editor },
    });
    expect({ status: gateway.status, allow: gateway.headers.get('allow'), body: await gateway.json() }).toEqual({
      status: 405,
      allow: 'POST',
      body: GET_MUTATION,
    });
    // Even signed: the gateway never sends one, and a signature does not make a link safe to follow.
    expect(await signedGet(subgraphs.content, MUTATION)).toMatchObject({
      status: 405,
      allow: 'POST',
      body: GET_MUTATION,
    });
    // The same query over GET is answered.
    const query = await signedGet(subgraphs.content, '{ __typename }');
    expect(query).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses a JSON array of operations at the gateway and at each subgraph, by default', async () => {
    expect(await postTo(stack.gateway.url, batch(2))).toEqual({ status: 400, body: NO_BATCHES });
    for (const url of [subgraphs.content, subgraphs.engagement]) {
      expect(await asGateway(url, JSON.stringify(batch(2)))).toEqual({ status: 400, body: NO_BATCHES });
    }
  });

  it('answers batches up to BATCH_MAX_OPERATIONS at the gateway, and refuses larger ones naming the limit', async () => {
    const batching = await startFederatedStack({
      content: stack.content,
      subgraphSecret: SECRET,
      gateway: { maxBatchOperations: 2 },
    });
    try {
      expect(await postTo(batching.gateway.url, batch(2))).toEqual({
        status: 200,
        body: [{ data: { n0: 'Query' } }, { data: { n1: 'Query' } }],
      });
      expect(await postTo(batching.gateway.url, batch(3))).toEqual({
        status: 413,
        body: {
          errors: [
            { message: 'Batching is limited to 2 operations per request.', extensions: { code: 'BAD_REQUEST' } },
          ],
        },
      });
    } finally {
      await batching.stopAllButContent();
    }
  });
});

describe('without a secret (development)', () => {
  it('each subgraph answers directly, _service included', async () => {
    const open = await startFederatedStack();
    try {
      for (const url of [open.content.url, open.proxies.engagement.url]) {
        const { status, body } = await postTo(url, { query: '{ _service { sdl } }' });
        expect(status).toBe(200);
        expect(body.data._service.sdl).toContain('type Article');
      }
    } finally {
      await open.stop();
    }
  });
});
