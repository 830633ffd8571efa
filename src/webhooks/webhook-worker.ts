import type { DataSource } from 'typeorm';
import type { WebhookConfig } from '../config';
import { Db } from '../db/db';
import { retryDelayMs } from './backoff';
import { claimDue, ClaimedDelivery, recordOutcome } from './delivery';
import { fanOut } from './fan-out';
import { renderPayloads } from './payload';
import { send } from './send';

interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Delivers the change log to the partners' webhooks: fans new changes out into deliveries
 * (fan-out.ts), then sends the due ones (delivery.ts, send.ts), and again at once while there was
 * work, else after the poll interval. Everything it needs to resume is in the database, so it may
 * run in the content service (stack.ts), in a process of its own (`npm run webhooks`), or in
 * several instances at once.
 *
 * Stopping drains: nothing new is claimed, and the requests in flight get until the deadline, after
 * which they are aborted and their deliveries left due for the next worker.
 */
export class WebhookWorker {
  private readonly db: Db;
  private readonly stopSignal = new AbortController();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private failing = false;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: WebhookConfig,
    private readonly log: Log,
  ) {
    // The primary, never a read replica: a payload rendered from a replica that has not replayed
    // the change yet would say the article is not published.
    this.db = new Db(dataSource, null);
  }

  start(): void {
    this.loop ??= this.run();
    this.log.info({ pollIntervalMs: this.settings.pollIntervalMs }, 'webhook worker started');
  }

  /** Drains as described above, by `deadline` (epoch ms) at the latest. */
  async stop(deadline = Date.now() + 10_000): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.wake?.();
    const cutOff = setTimeout(() => this.stopSignal.abort(), Math.max(0, deadline - Date.now()));
    await this.loop;
    clearTimeout(cutOff);
    this.log.info({}, 'webhook worker stopped');
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        busy = await this.round();
        if (this.failing) this.log.info({}, 'webhook worker: the database answers again');
        this.failing = false;
      } catch (error) {
        // The database is down or busy: said once per outage, tried again after the interval.
        if (!this.failing) this.log.error({ err: error }, 'webhook worker: a round failed; retrying');
        this.failing = true;
      }
      if (!busy && !this.stopping) await this.sleep(this.settings.pollIntervalMs);
    }
  }

  /** One fan-out and one batch of sends; whether either found work. */
  private async round(): Promise<boolean> {
    const fanned = await fanOut(this.dataSource, new Date());
    if (this.stopping) return false;
    const { timeoutMs, concurrency } = this.settings;
    // The lease covers the request and as long again to record its outcome.
    const claimed = await claimDue(this.dataSource, { limit: concurrency, leaseMs: 2 * timeoutMs, now: new Date() });
    if (claimed.length) await this.deliver(claimed);
    return fanned > 0 || claimed.length > 0;
  }

  private async deliver(claimed: ClaimedDelivery[]): Promise<void> {
    const bodies = await renderPayloads(this.db, claimed);
    await Promise.all(
      claimed.map(async (delivery, index) => {
        const outcome = await send(
          {
            url: delivery.endpoint.url,
            secret: delivery.endpoint.secret,
            deliveryId: delivery.id,
            event: delivery.change.kind,
            body: bodies[index],
          },
          this.settings.timeoutMs,
          this.stopSignal.signal,
        );
        if (outcome.kind === 'failed') {
          this.log.warn(
            {
              deliveryId: delivery.id,
              endpointId: delivery.endpointId,
              attempts: delivery.attempts,
              error: outcome.error,
            },
            'webhook delivery failed',
          );
        }
        const { disabled } = await recordOutcome(this.dataSource, delivery, outcome, {
          now: new Date(),
          retryInMs: retryDelayMs(delivery.attempts, this.settings),
          disableAfterMs: this.settings.disableAfterMs,
        });
        if (disabled) {
          this.log.warn(
            { endpointId: delivery.endpointId },
            'webhook disabled: failing too long without a success; an admin can enable it again',
          );
        }
      }),
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
