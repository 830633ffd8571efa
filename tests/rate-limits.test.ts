import { createApiKey } from '../src/auth/api-keys';
import { loadConfig, RateLimits } from '../src/config';
import { serviceLogger } from '../src/logger';
import { connectRedis, SharedRedis } from '../src/redis/redis';
import type { Role } from '../src/viewer';
import { FederatedStack, startFederatedStack } from './support/federation';
import { scrapeMetrics } from './support/metrics';
import { PrivateRedis, startPrivateRedis } from './support/private-redis';
import { startTestServer, TestServer } from './support/server';

/**
 * Each request asks under an alias of its own: a different document, so none is answered from the
 * gateway's response cache, which answers without running anything and is not charged.
 */
let requests = 0;
/** Costs 1 point: one scalar. */
const CHEAP = () => `{ cheap${++requests}: __typename }`;
/** Costs 35 points as QUERY_MAX_COST counts them: a list of 10 (first: 10) of an object of one scalar, 2 + 1.5 × 1. */
const EXPENSIVE = () => `{ expensive${++requests}: articles(first: 10) { totalCount } }`;
const LIMIT = 100;

const limits = (overrides: Partial<RateLimits> = {}): RateLimits => ({
  points: { anonymous: LIMIT, partner: LIMIT, analyst: 10 * LIMIT, editor: LIMIT, admin: LIMIT },
  // Long enough that no window ends during a test.
  windowSeconds: 600,
  trustedProxies: 0,
  ...overrides,
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: () => string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: query() }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

const answered = (answer: Answer) => answer.status === 200 && answer.body.errors === undefined;

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors!;
  expect(error.extensions?.code).toBe('RATE_LIMITED');
  const seconds = Number(answer.retryAfter);
  expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 600).toBe(true);
  expect(error.extensions?.retryAfterSeconds).toBe(seconds);
  expect(error.message).toContain(`retry in ${seconds} s`);
}

async function untilReady(connections: SharedRedis[]): Promise<void> {
  while (!connections.every((redis) => redis.ready)) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function newKey(content: TestServer, role: Role): Promise<Record<string, string>> {
  const { key } = await createApiKey(content.database.dataSource, { role, name: `rate ${role}` });
  return { authorization: `Bearer ${key}` };
}

let content: TestServer;
beforeAll(async () => {
  content = await startTestServer();
});
afterAll(() => content.stop());

describe('rate limits by operation cost, counted in memory', () => {
  let stack: FederatedStack;
  beforeAll(async () => {
    // One proxy in front: an anonymous caller is the address it appended to X-Forwarded-For.
    stack = await startFederatedStack({ content, gateway: { rateLimits: limits({ trustedProxies: 1 }) } });
  });
  afterAll(() => stack.stopAllButContent());
  const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.9, ${address}` });

  it('answers 429 with Retry-After and RATE_LIMITED once a key has spent its points, and only for that key', async () => {
    const [limited, other] = [await newKey(content, 'partner'), await newKey(content, 'partner')];
    expect(answered(await post(stack.gateway.url, EXPENSIVE, limited))).toBe(true);
    expect(answered(await post(stack.gateway.url, EXPENSIVE, limited))).toBe(true);
    const refused = await post(stack.gateway.url, EXPENSIVE, limited);
    expectRateLimited(refused);
    expect(refused.body.errors![0].message).toMatch(
      /^Rate limit reached: this partner key may spend 100 points of operation cost per 600 s \(this operation costs 35\); retry in \d+ s\.$/,
    );
    expect(answered(await post(stack.gateway.url, EXPENSIVE, other))).toBe(true);
    // The same key written another way is the same account, not a fresh one.
    const key = limited.authorization.slice('Bearer '.length);
    for (const written of [`bearer ${key}`, `Bearer   ${key}  `, `BEARER ${key}`]) {
      expectRateLimited(await post(stack.gateway.url, EXPENSIVE, { authorization: written }));
    }
  });

  it("gives each role its own limit: an analyst key's is ten times a partner's here", async () => {
    const analyst = await newKey(content, 'analyst');
    for (let i = 0; i < 5; i++) expect(answered(await post(stack.gateway.url, EXPENSIVE, analyst))).toBe(true);
  });

  it('limits anonymous callers per address, the one the trusted proxy saw', async () => {
    expect(answered(await post(stack.gateway.url, EXPENSIVE, from('203.0.113.1')))).toBe(true);
    expect(answered(await post(stack.gateway.url, EXPENSIVE, from('203.0.113.1')))).toBe(true);
    expectRateLimited(await post(stack.gateway.url, EXPENSIVE, from('203.0.113.1')));
    expect(answered(await post(stack.gateway.url, EXPENSIVE, from('203.0.113.2')))).toBe(true);
  });

  it('charges each operation its cost: 2 at 35 points and 30 at 1 fill 100 points, the next one is over', async () => {
    const address = from('203.0.113.3');
    for (const query of [EXPENSIVE, EXPENSIVE, ...Array<() => string>(30).fill(CHEAP)]) {
      expect(answered(await post(stack.gateway.url, query, address))).toBe(true);
    }
    expectRateLimited(await post(stack.gateway.url, CHEAP, address));
  });

  it('counts refused requests in /metrics by role', async () => {
    const before = (await scrapeMetrics(stack.gateway.url)).value('gateway_rate_limited_total', { role: 'anonymous' });
    const address = from('203.0.113.4');
    for (let i = 0; i < 3; i++) await post(stack.gateway.url, EXPENSIVE, address);
    const after = (await scrapeMetrics(stack.gateway.url)).value('gateway_rate_limited_total', { role: 'anonymous' });
    expect(after - before).toBe(1);
  });
});

describe('rate limits shared by two gateways through one Redis', () => {
  let redisServer: PrivateRedis;
  const connections: SharedRedis[] = [];
  const gateways: FederatedStack[] = [];
  const url = (index: number) => gateways[index].gateway.url;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    for (let i = 0; i < 2; i++) {
      const redis = connectRedis(redisServer.url, serviceLogger('gateway'));
      connections.push(redis);
      // No proxy is trusted: X-Forwarded-For, which any client can write, is not believed.
      gateways.push(await startFederatedStack({ content, gateway: { rateLimits: limits(), redis } }));
    }
    await untilReady(connections);
  });
  afterAll(async () => {
    for (const stack of gateways) await stack.stopAllButContent();
    for (const redis of connections) await redis.close();
    await redisServer.stop();
  });

  /** Two operations through the first gateway and a third through the second: over the limit when they share a count. */
  async function spendThroughBoth(headers: Record<string, string>): Promise<Answer> {
    expect(answered(await post(url(0), EXPENSIVE, headers))).toBe(true);
    expect(answered(await post(url(0), EXPENSIVE, headers))).toBe(true);
    return post(url(1), EXPENSIVE, headers);
  }

  it("counts a key's operations on every gateway together", async () => {
    expectRateLimited(await spendThroughBoth(await newKey(content, 'editor')));
  });

  it('counts an anonymous caller by its connection, whatever X-Forwarded-For says, when no proxy is trusted', async () => {
    const answers = [];
    for (const [index, address] of [
      [0, '192.0.2.1'],
      [1, '192.0.2.2'],
      [0, '192.0.2.3'],
    ] as const) {
      answers.push(await post(url(index), EXPENSIVE, { 'x-forwarded-for': address }));
    }
    expect(answers.slice(0, 2).every(answered)).toBe(true);
    expectRateLimited(answers[2]);
  });

  it('answers every request while Redis is down, counting in memory, and shares the count again once it is back', async () => {
    const fallbacks = async () =>
      (
        await Promise.all(
          [0, 1].map(async (index) =>
            (await scrapeMetrics(url(index))).value('gateway_rate_limit_memory_fallback_total'),
          ),
        )
      ).reduce((sum, value) => sum + value, 0);
    const before = await fallbacks();
    await redisServer.stop();
    const admin = await newKey(content, 'admin');
    for (const index of [0, 1, 0, 1]) expect(answered(await post(url(index), EXPENSIVE, admin))).toBe(true);
    expect((await fallbacks()) - before).toBe(4);

    await redisServer.start();
    // Each connection comes back by itself (ioredis reconnects, backing off up to a second).
    await untilReady(connections);
    const counted = await fallbacks();
    expectRateLimited(await spendThroughBoth(await newKey(content, 'admin')));
    expect(await fallbacks()).toBe(counted);
  });
});

describe('rate limit configuration', () => {
  const problemsWith = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  it('defaults to limits no reader or partner meets in normal use, per minute, trusting no proxy', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      points: { anonymous: 250_000, partner: 5_000_000, analyst: 5_000_000, editor: 5_000_000, admin: 5_000_000 },
      windowSeconds: 60,
      trustedProxies: 0,
    });
  });

  it('takes each role, the window and the proxies in front from the environment; 0 is no limit', () => {
    const { rateLimits } = loadConfig({
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_PARTNER: '50000',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      TRUSTED_PROXY_HOPS: '2',
    });
    expect(rateLimits.points.anonymous).toBe(0);
    expect(rateLimits.points.partner).toBe(50_000);
    expect(rateLimits.windowSeconds).toBe(10);
    expect(rateLimits.trustedProxies).toBe(2);
  });

  it('refuses bad limits, naming each variable', () => {
    const message = problemsWith({
      RATE_LIMIT_ANONYMOUS: 'lots',
      RATE_LIMIT_EDITOR: '-5',
      RATE_LIMIT_WINDOW_SECONDS: '0',
      TRUSTED_PROXY_HOPS: '1.5',
    });
    expect(message).toContain('RATE_LIMIT_ANONYMOUS must be an integer from 0 to 1000000000000, got "lots"');
    expect(message).toContain('RATE_LIMIT_EDITOR must be an integer');
    expect(message).toContain('RATE_LIMIT_WINDOW_SECONDS must be an integer from 1 to 86400, got "0"');
    expect(message).toContain('TRUSTED_PROXY_HOPS must be an integer from 0 to 10, got "1.5"');
  });

  it('refuses a limit below the cost one operation may have, which would refuse that operation every time', () => {
    expect(problemsWith({ RATE_LIMIT_PARTNER: '5000' })).toContain(
      'RATE_LIMIT_PARTNER must be 0 (no limit) or at least QUERY_MAX_COST (50000), got "5000"',
    );
    expect(loadConfig({ RATE_LIMIT_PARTNER: '5000', QUERY_MAX_COST: '5000' }).rateLimits.points.partner).toBe(5000);
  });
});
