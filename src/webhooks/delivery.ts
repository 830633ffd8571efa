import type { DataSource } from 'typeorm';
import { IsNull, LessThanOrEqual } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { skipLocked } from './fan-out';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** A delivery a worker has claimed, with its endpoint (and the endpoint's key) and its change. */
export type ClaimedDelivery = WebhookDelivery & Required<Pick<WebhookDelivery, 'endpoint' | 'change'>>;

/** What one attempt came to. `interrupted`: the worker stopped before the receiver answered. */
export type Outcome =
  | { kind: 'delivered'; httpStatus: number }
  | { kind: 'failed'; httpStatus: number | null; error: string }
  | { kind: 'interrupted' };

const MAX_ERROR = 500;

/**
 * Claims up to `limit` due deliveries of enabled endpoints whose key is live: each is counted as an
 * attempt and its next attempt moved `leaseMs` ahead, in one short transaction, before anything is
 * sent. No transaction stays open during a request; a worker that dies during one leaves the
 * delivery due again when the lease ends. On PostgreSQL rows another worker is claiming are
 * skipped (SKIP LOCKED), so instances share the work without waiting for each other.
 */
export function claimDue(
  dataSource: DataSource,
  { limit, leaseMs, now }: { limit: number; leaseMs: number; now: Date },
): Promise<ClaimedDelivery[]> {
  return inTransaction(dataSource, async (tx) => {
    const due = (await skipLocked(
      tx,
      tx.manager
        .createQueryBuilder(WebhookDelivery, 'd')
        .innerJoinAndSelect('d.endpoint', 'e')
        .innerJoinAndSelect('e.apiKey', 'k')
        .innerJoinAndSelect('d.change', 'c')
        .where('d.status = :pending', { pending: DeliveryStatus.PENDING })
        .andWhere('d.nextAttemptAt <= :now', { now })
        .andWhere('e.enabled = :enabled', { enabled: true })
        .andWhere('k.revokedAt IS NULL')
        .orderBy('d.nextAttemptAt')
        .limit(limit),
      'd',
    ).getMany()) as ClaimedDelivery[];
    if (due.length === 0) return [];
    const ids = due.map((delivery) => delivery.id);
    await tx.manager
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ attempts: () => 'attempts + 1', nextAttemptAt: new Date(now.getTime() + leaseMs), lastAttemptAt: now })
      .where(tx.inKeys('id', 'ids'), { ids })
      .execute();
    return due.map((delivery) => Object.assign(delivery, { attempts: delivery.attempts + 1, lastAttemptAt: now }));
  });
}

/**
 * Records what an attempt came to, and says whether it disabled the endpoint. A success marks the delivery delivered and ends its endpoint's
 * failing streak. A failure schedules the next attempt `retryInMs` from now, starts the streak if
 * none is running, and disables the endpoint once the streak is `disableAfterMs` old. An
 * interrupted attempt is due again at once (another instance, or this one after a restart, sends it).
 */
export function recordOutcome(
  dataSource: DataSource,
  delivery: ClaimedDelivery,
  outcome: Outcome,
  { now, retryInMs, disableAfterMs }: { now: Date; retryInMs: number; disableAfterMs: number },
): Promise<{ disabled: boolean }> {
  const { endpointId } = delivery;
  return inTransaction(dataSource, async (tx) => {
    if (outcome.kind === 'interrupted') {
      await tx.manager.update(WebhookDelivery, { id: delivery.id }, { nextAttemptAt: now });
      return { disabled: false };
    }
    // The endpoint's row first, then the delivery's: the order enableWebhook takes them in, so the
    // two never wait for each other in a circle (a deadlock PostgreSQL would end by failing one).
    if (outcome.kind === 'delivered') {
      await tx.manager.update(WebhookEndpoint, { id: endpointId }, { failingSince: null });
      await tx.manager.update(
        WebhookDelivery,
        { id: delivery.id },
        { status: DeliveryStatus.DELIVERED, deliveredAt: now, lastHttpStatus: outcome.httpStatus, lastError: null },
      );
      return { disabled: false };
    }
    const error = outcome.error.slice(0, MAX_ERROR);
    await tx.manager.update(WebhookEndpoint, { id: endpointId, failingSince: IsNull() }, { failingSince: now });
    const since = new Date(now.getTime() - disableAfterMs);
    const { affected } = await tx.manager.update(
      WebhookEndpoint,
      { id: endpointId, enabled: true, failingSince: LessThanOrEqual(since) },
      {
        enabled: false,
        disabledAt: now,
        disabledReason: `Failing for ${Math.round(disableAfterMs / 1000)} s without a success; last: ${error}`.slice(
          0,
          MAX_ERROR,
        ),
      },
    );
    await tx.manager.update(
      WebhookDelivery,
      { id: delivery.id },
      { nextAttemptAt: new Date(now.getTime() + retryInMs), lastHttpStatus: outcome.httpStatus, lastError: error },
    );
    return { disabled: (affected ?? 0) > 0 };
  });
}
