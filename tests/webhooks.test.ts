import { createHmac } from 'node:crypto';
import { createApiKey } from '../src/auth/api-keys';
import { config, loadConfig } from '../src/config';
import { createDataSource } from '../src/data-source';
import { WebhookWorker } from '../src/webhooks/webhook-worker';
import { CREATE, DELETE, draftInput, Headers, headersByRole, MOVE, ok, onlyError, UPDATE } from './support/editorial';
import { startTestServer, TestServer } from './support/server';
import { WebhookReceiver } from './support/webhook-receiver';
import { startWorkerProcess, WorkerProcess } from './support/worker-process';

/**
 * Webhooks (issue 14, part 4): each change of the feed reaches a partner's receiver as a signed
 * JSON POST, retried until it is taken, never lost when the worker dies, with the partner's rights.
 * Everything goes through the GraphQL API and a real HTTP receiver; the worker runs as it does in
 * the content service, with short delays (the settings are read as config.ts reads the environment).
 */
const settings = loadConfig({
  NODE_ENV: 'test',
  WEBHOOK_POLL_INTERVAL_MS: '20',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_CAP_MS: '100',
  WEBHOOK_DISABLE_AFTER_MS: '500',
  WEBHOOK_TIMEOUT_MS: '5000',
}).webhooks;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterWebhookInput!) {
    registerWebhook(input: $input) {
      secret
      webhook {
        id
        apiKeyId
        url
        events
        enabled
      }
    }
  }
`;
const WEBHOOK = /* GraphQL */ `
  query ($id: ID!, $first: Int) {
    webhook(id: $id) {
      id
      enabled
      disabledAt
      disabledReason
      failingSince
      pendingDeliveries
      deliveries(first: $first) {
        id
        event
        articleId
        changeSequence
        status
        attempts
        lastHttpStatus
        lastError
        nextAttemptAt
        deliveredAt
      }
    }
  }
`;
const ENABLE = 'mutation ($id: ID!) { enableWebhook(id: $id) { id enabled failingSince disabledReason } }';

/** Verifies a request as the README tells receivers to; the signed timestamp must be recent. */
function verifies(request: { headers: Record<string, unknown>; body: string }, secret: string): boolean {
  const timestamp = Number(request.headers['x-webhook-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex');
  return request.headers['x-signature'] === `sha256=${expected}` && Math.abs(Date.now() / 1000 - timestamp) < 300;
}

/**
 * Reads until `done` holds: the worker records what the receiver answered just after it answers,
 * and an endpoint is disabled a while after it starts failing.
 */
async function eventually<T>(read: () => Promise<T>, done: (value: NoInfer<T>) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The state once nothing is pending, read once more: an answer's fields come from separate
 * statements, so the one that first shows nothing pending may show its endpoint from before the
 * last outcome committed.
 */
async function whenSettled<T extends { pendingDeliveries: number }>(read: () => Promise<T>): Promise<T> {
  await eventually(read, (state) => state.pendingDeliveries === 0);
  return read();
}

async function fixture() {
  const server = await startTestServer();
  const roles = await headersByRole(server);
  const partnerKey = (await createApiKey(server.database.dataSource, { role: 'partner', name: 'Partner: Webhooks' }))
    .record.id;
  return { server, roles, partnerKey };
}

describe('webhooks', () => {
  let server: TestServer;
  let roles: Record<string, Headers>;
  let partnerKey: number;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker;

  beforeAll(async () => {
    ({ server, roles, partnerKey } = await fixture());
    receiver = await WebhookReceiver.start();
    worker = new WebhookWorker(server.database.dataSource, settings, quiet);
    worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await receiver?.stop();
    await server?.stop();
  });

  const register = async (path: string, events?: string[]) =>
    (await ok(server, roles.admin, REGISTER, { input: { apiKeyId: partnerKey, url: receiver.url(path), events } }))
      .registerWebhook as { secret: string; webhook: { id: string } };
  const webhook = async (id: string) => (await ok(server, roles.admin, WEBHOOK, { id, first: 100 })).webhook;
  const publishNew = async (overrides: Record<string, unknown> = {}) => {
    const article = (await ok(server, roles.editor, CREATE, { input: draftInput(overrides) })).createArticle;
    return (await ok(server, roles.editor, MOVE('publishArticle'), { id: article.id })).publishArticle;
  };
  /** Waits for the request to `path` about `articleId`, of the kind `event`, that the receiver took (200). */
  const delivered = (path: string, articleId: string, event: string) =>
    receiver.waitFor(() =>
      receiver
        .at(path)
        .find(
          (request) =>
            request.payload.articleId === articleId && request.payload.event === event && request.answered === 200,
        ),
    );

  it('delivers each published change, signed with the secret shown at registration', async () => {
    const { secret, webhook: registered } = await register('/hooks/signed');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const article = await publishNew({ title: 'Signed and delivered' });

    const request = await delivered('/hooks/signed', article.id, 'PUBLISHED');
    expect(verifies(request, secret)).toBe(true);
    expect(verifies(request, `${secret}x`)).toBe(false);
    expect(verifies({ ...request, body: request.body.replace('Signed', 'Forged') }, secret)).toBe(false);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-webhook-id': request.payload.id,
      'x-webhook-event': 'PUBLISHED',
    });
    expect(request.payload).toEqual({
      id: expect.stringMatching(/^[0-9]+$/),
      event: 'PUBLISHED',
      sequence: expect.any(Number),
      happenedAt: article.publishedAt,
      articleId: article.id,
      cause: null,
      article: expect.objectContaining({
        uri: `https://news.example.org/articles/${article.slug}`,
        headlines: [{ value: 'Signed and delivered' }],
        pubStatus: 'usable',
      }),
    });

    // The draft's creation is not the partner's business: only the publication was delivered.
    const { deliveries } = await whenSettled(() => webhook(registered.id));
    expect(deliveries.filter((delivery: any) => delivery.articleId === article.id)).toEqual([
      expect.objectContaining({
        id: request.payload.id,
        event: 'PUBLISHED',
        changeSequence: request.payload.sequence,
        status: 'DELIVERED',
        attempts: 1,
        lastHttpStatus: 200,
        lastError: null,
        nextAttemptAt: null,
      }),
    ]);
  });

  it('retries a delivery the receiver failed (500) until it takes it, under the same id', async () => {
    const { secret, webhook: registered } = await register('/hooks/flaky');
    receiver.script('/hooks/flaky', [500, 503]);
    const article = await publishNew();

    const taken = await delivered('/hooks/flaky', article.id, 'PUBLISHED');
    const attempts = receiver.at('/hooks/flaky').filter((request) => request.payload.articleId === article.id);
    expect(attempts.map((request) => request.answered)).toEqual([500, 503, 200]);
    expect(new Set(attempts.map((request) => request.headers['x-webhook-id']))).toEqual(new Set([taken.payload.id]));
    expect(attempts.every((request) => verifies(request, secret))).toBe(true);

    const state = await whenSettled(() => webhook(registered.id));
    expect(state).toMatchObject({ enabled: true, failingSince: null });
    expect(state.deliveries.find((delivery: any) => delivery.id === taken.payload.id)).toMatchObject({
      status: 'DELIVERED',
      attempts: 3,
      lastHttpStatus: 200,
      lastError: null,
    });
  });

  it('delivers only the kinds of change a webhook asked for', async () => {
    const { webhook: deletions } = await register('/hooks/deletions', ['DELETED']);
    const article = await publishNew();
    await ok(server, roles.editor, UPDATE, { input: { id: article.id, version: article.version, title: 'Edited' } });
    await ok(server, roles.editor, DELETE, { id: article.id });

    const request = await delivered('/hooks/deletions', article.id, 'DELETED');
    // Gone: the partner is told to take its copy down.
    expect(request.payload.article).toBeNull();
    // The earlier changes were read before the deletion (in order) and left out for good.
    const { deliveries } = await webhook(deletions.id);
    expect(deliveries.map((delivery: any) => [delivery.event, delivery.articleId])).toEqual([['DELETED', article.id]]);
    expect(receiver.at('/hooks/deletions').map((each) => each.payload.event)).toEqual(['DELETED']);
  });

  it("sends a partner's webhook the article without the photos its licence keeps from partners", async () => {
    await register('/hooks/rights', ['UPDATED']);
    const query = '{ article(slug: "whats-happening-in-kazakhstan") { id version ninjs } }';
    const { article: sample } = await ok(server, roles.editor, query);
    const photos = sample.ninjs.associations.length;
    expect(photos).toBeGreaterThan(0);
    await ok(server, roles.editor, UPDATE, { input: { id: sample.id, version: sample.version, summary: 'Updated.' } });

    const { payload } = await delivered('/hooks/rights', sample.id, 'UPDATED');
    expect(payload.article.associations).toBeUndefined();
    expect(payload.article.edNote).toMatch(new RegExp(`^${photos} photo\\(s\\) left out\\.`));
    expect(payload.article.descriptions).toEqual([{ role: 'summary', value: 'Updated.' }]);
  });

  it('disables a webhook failing for the configured window; an admin enables it and what waited is delivered', async () => {
    const { webhook: registered } = await register('/hooks/down', ['PUBLISHED']);
    receiver.fail('/hooks/down');
    const first = await publishNew();

    const state = await eventually(
      () => webhook(registered.id),
      (each) => !each.enabled,
    );
    expect(state).toMatchObject({
      enabled: false,
      disabledAt: expect.any(String),
      disabledReason: expect.stringContaining('without a success; last: HTTP 500'),
      failingSince: expect.any(String),
      pendingDeliveries: 1,
    });
    expect(state.deliveries[0]).toMatchObject({ articleId: first.id, status: 'PENDING', lastHttpStatus: 500 });
    expect(state.deliveries[0].attempts).toBeGreaterThan(1);

    // Published while the webhook is disabled: it waits with the first.
    const second = await publishNew();
    receiver.recover('/hooks/down');
    const enabled = (await ok(server, roles.admin, ENABLE, { id: registered.id })).enableWebhook;
    expect(enabled).toEqual({ id: registered.id, enabled: true, failingSince: null, disabledReason: null });

    await delivered('/hooks/down', first.id, 'PUBLISHED');
    await delivered('/hooks/down', second.id, 'PUBLISHED');
    const after = await whenSettled(() => webhook(registered.id));
    expect(after.deliveries.map((delivery: any) => [delivery.articleId, delivery.status])).toEqual([
      [second.id, 'DELIVERED'],
      [first.id, 'DELIVERED'],
    ]);
  });

  // Several instances on one database: PostgreSQL's SKIP LOCKED (SQLite has one writer at a time).
  (config.database.kind === 'postgres' ? it : it.skip)(
    'shares the deliveries between worker instances, each sent once',
    async () => {
      await register('/hooks/busy', ['PUBLISHED']);
      const instances = await Promise.all(
        [1, 2].map(async () => {
          const dataSource = createDataSource({ ...server.database.config, poolSize: 3 });
          await dataSource.initialize();
          const instance = new WebhookWorker(dataSource, settings, quiet);
          instance.start();
          return { dataSource, instance };
        }),
      );
      try {
        const articles = await Promise.all(Array.from({ length: 30 }, () => publishNew()));
        for (const article of articles) await delivered('/hooks/busy', article.id, 'PUBLISHED');
      } finally {
        for (const { dataSource, instance } of instances) {
          await instance.stop();
          await dataSource.destroy();
        }
      }
      const ids = receiver.at('/hooks/busy').map((request) => request.payload.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    },
  );

  it('lets an admin disable, list and delete webhooks', async () => {
    const { webhook: registered } = await register('/hooks/paused');
    const disable = /* GraphQL */ `
      mutation ($input: DisableWebhookInput!) {
        disableWebhook(input: $input) {
          enabled
          disabledReason
        }
      }
    `;
    const { disableWebhook } = await ok(server, roles.admin, disable, {
      input: { id: registered.id, reason: 'partner asked to pause' },
    });
    expect(disableWebhook).toEqual({
      enabled: false,
      disabledReason: 'Disabled by test admin: partner asked to pause',
    });

    const list = 'query ($key: Int, $after: ID) { webhooks(apiKeyId: $key, first: 2, after: $after) { id url } }';
    const pages: string[][] = [];
    for (let after: string | null = null; ;) {
      const page: { id: string }[] = (await ok(server, roles.admin, list, { key: partnerKey, after })).webhooks;
      if (page.length === 0) break;
      pages.push(page.map((each) => each.id));
      after = page.at(-1)!.id;
    }
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(pages.flat()).toContain(registered.id);
    expect(pages.flat()).toEqual([...pages.flat()].sort((a, b) => Number(a) - Number(b)));

    const remove = 'mutation ($id: ID!) { deleteWebhook(id: $id) }';
    expect((await ok(server, roles.admin, remove, { id: registered.id })).deleteWebhook).toBe(true);
    expect((await ok(server, roles.admin, remove, { id: registered.id })).deleteWebhook).toBe(false);
    expect((await webhook(registered.id)) ?? null).toBeNull();
  });

  it('is for admins only', async () => {
    const read = '{ webhooks { id } }';
    const write = 'mutation ($id: ID!) { deleteWebhook(id: $id) }';
    for (const role of ['anonymous', 'partner', 'analyst', 'editor']) {
      const expected = role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect([role, onlyError(await server.query(read, {}, roles[role])).code]).toEqual([role, expected]);
      expect([role, onlyError(await server.query(write, { id: '1' }, roles[role])).code]).toEqual([role, expected]);
      expect([
        role,
        onlyError(
          await server.query(REGISTER, { input: { apiKeyId: partnerKey, url: 'https://x.example' } }, roles[role]),
        ).code,
      ]).toEqual([role, expected]);
    }
  });

  it('refuses what it cannot deliver to, as BAD_USER_INPUT naming the field', async () => {
    const { record: editorKey } = await createApiKey(server.database.dataSource, { role: 'editor', name: 'Desk 2' });
    const input = (overrides: Record<string, unknown>) => ({
      apiKeyId: partnerKey,
      url: receiver.url('/x'),
      ...overrides,
    });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'ftp://partner.example.com/hooks' }, 'input.url', /http:\/\/ or https:\/\//],
      [{ url: 'not a url' }, 'input.url', /http:\/\/ or https:\/\//],
      [{ url: 'javascript:alert(1)' }, 'input.url', /http:\/\/ or https:\/\//],
      [{ url: 'https://user:secret@partner.example.com/hooks' }, 'input.url', /without a user or password/],
      [{ url: `https://partner.example.com/${'a'.repeat(2048)}` }, 'input.url', /at most 2048 characters/],
      [{ events: [] }, 'input.events', /at least one kind/],
      [{ events: ['DELETED', 'DELETED'] }, 'input.events', /twice/],
      [{ apiKeyId: 999_999 }, 'input.apiKeyId', /live API key/],
      [{ apiKeyId: editorKey.id }, 'input.apiKeyId', /partner keys; key [0-9]+ has role editor/],
    ];
    for (const [overrides, field, message] of cases) {
      const error = onlyError(await server.query(REGISTER, { input: input(overrides) }, roles.admin));
      expect({ overrides, ...error }).toEqual({
        overrides,
        code: 'BAD_USER_INPUT',
        field,
        message: expect.stringMatching(message),
      });
    }
    const unknownEvent = await server.query(REGISTER, { input: input({ events: ['EXPLODED'] }) }, roles.admin);
    expect(onlyError(unknownEvent).code).toBe('BAD_USER_INPUT');
    expect(onlyError(await server.query(ENABLE, { id: 'abc' }, roles.admin))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(onlyError(await server.query(ENABLE, { id: '999999' }, roles.admin)).code).toBe('NOT_FOUND');
    const page = await server.query('{ webhooks(first: 1000) { id } }', {}, roles.admin);
    expect(onlyError(page)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('webhooks when the worker dies', () => {
  let fixtures: Awaited<ReturnType<typeof fixture>>;
  let receiver: WebhookReceiver;
  const workers: WorkerProcess[] = [];
  const env = { WEBHOOK_POLL_INTERVAL_MS: '20', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '20' };

  beforeAll(async () => {
    fixtures = await fixture();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await receiver?.stop();
    await fixtures?.server.stop();
  });

  it('delivers, after a restart, what a killed worker was sending and what committed while none ran, once each', async () => {
    const { server, roles, partnerKey } = fixtures;
    const start = async () => {
      const worker = await startWorkerProcess(server.database.config, env);
      workers.push(worker);
      return worker;
    };
    const publishNew = async () => {
      const article = (await ok(server, roles.editor, CREATE, { input: draftInput() })).createArticle;
      return (await ok(server, roles.editor, MOVE('publishArticle'), { id: article.id })).publishArticle;
    };
    const { webhook } = (
      await ok(server, roles.admin, REGISTER, { input: { apiKeyId: partnerKey, url: receiver.url('/hooks/crash') } })
    ).registerWebhook;

    // The first worker sends, and dies (SIGKILL) while the receiver has not answered yet.
    receiver.hold('/hooks/crash');
    const first = await start();
    const sending = await publishNew();
    await receiver.waitFor(() => receiver.at('/hooks/crash').length > 0);
    await first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Committed while no worker runs.
    const waiting = await publishNew();

    receiver.release('/hooks/crash');
    const second = await start();
    const sent = await receiver.waitFor(() => {
      const taken = receiver.at('/hooks/crash').filter((request) => request.answered === 200);
      return taken.length >= 2 && taken;
    });
    // Once each: the interrupted request was never answered, and is sent again under the same id.
    expect(sent.map((request) => request.payload.articleId).sort()).toEqual([sending.id, waiting.id].sort());
    const all = receiver.at('/hooks/crash');
    expect(all.map((request) => [request.payload.articleId, request.answered])).toEqual([
      [sending.id, null],
      ...sent.map((request) => [request.payload.articleId, 200]),
    ]);
    expect(all[0].headers['x-webhook-id']).toBe(
      sent.find((request) => request.payload.articleId === sending.id)!.headers['x-webhook-id'],
    );

    const state = await whenSettled(
      async () => (await ok(server, roles.admin, WEBHOOK, { id: webhook.id, first: 10 })).webhook,
    );
    expect(state.deliveries.map((delivery: any) => [delivery.articleId, delivery.status, delivery.attempts])).toEqual([
      [waiting.id, 'DELIVERED', 1],
      [sending.id, 'DELIVERED', 2],
    ]);

    // Drained and gone on SIGTERM.
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
