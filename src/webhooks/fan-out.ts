import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { inTransaction, Tx } from '../db/transaction';
import { ArticleChange } from '../syndication/article-change.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** Changes read per fan-out; the worker comes back at once while there are more. */
const CHANGES_PER_ROUND = 500;
/** Deliveries per INSERT: eleven parameters each, well within both databases' limits. */
const CHUNK = 500;

/**
 * Turns the changes logged since each enabled endpoint's cursor into its deliveries: the feed's
 * changes (those partners see), of the kinds the endpoint asked for. The deliveries and the
 * cursor move in one transaction, so a worker that dies at any point leaves either both or
 * neither, and the next one resumes from the cursor; the unique (endpoint, change) makes a
 * repeat harmless all the same. Returns how many changes were read (0: nothing new).
 *
 * The log's sequences become visible in order (change-log.ts), so no change can commit later
 * below a cursor. Instances share the work: on PostgreSQL each takes the endpoints no other one is
 * fanning out (SKIP LOCKED); SQLite has one writer at a time.
 *
 * Mutations never wait for this: it reads the log, and the deliveries' key to it takes row locks
 * that its writers' table lock (SHARE ROW EXCLUSIVE) does not conflict with.
 */
export async function fanOut(dataSource: DataSource, now: Date): Promise<number> {
  return inTransaction(dataSource, async (tx) => {
    const endpoints = await skipLocked(
      tx,
      tx.manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .innerJoin(ApiKey, 'k', 'k.id = e.apiKeyId AND k.revokedAt IS NULL')
        .where('e.enabled = :enabled', { enabled: true }),
      'e',
    ).getMany();
    if (endpoints.length === 0) return 0;
    const from = Math.min(...endpoints.map((endpoint) => endpoint.cursorSequence));
    const changes = await tx.manager
      .createQueryBuilder(ArticleChange, 'c')
      .where('c.sequence > :from', { from })
      .andWhere('(c.wasPublic OR c.isPublic)')
      .orderBy('c.sequence')
      .limit(CHANGES_PER_ROUND)
      .getMany();
    const through = changes.at(-1)?.sequence;
    if (through === undefined) return 0;
    for (const endpoint of endpoints) {
      if (endpoint.cursorSequence >= through) continue;
      const events = new Set(endpoint.events);
      const wanted = changes.filter((change) => change.sequence > endpoint.cursorSequence && events.has(change.kind));
      await insertDeliveries(
        tx,
        wanted.map((change) => ({
          endpointId: endpoint.id,
          changeSequence: change.sequence,
          status: DeliveryStatus.PENDING,
          attempts: 0,
          nextAttemptAt: now,
          lastAttemptAt: null,
          lastHttpStatus: null,
          lastError: null,
          deliveredAt: null,
          createdAt: now,
        })),
      );
      await tx.manager.update(WebhookEndpoint, { id: endpoint.id }, { cursorSequence: through });
    }
    return changes.length;
  });
}

/** `query` without the rows of `alias` another transaction holds (PostgreSQL), which it locks. */
export function skipLocked<T extends object>(tx: Tx, query: SelectQueryBuilder<T>, alias: string) {
  return tx.kind === 'postgres'
    ? query.setLock('pessimistic_write', undefined, [alias]).setOnLocked('skip_locked')
    : query;
}

async function insertDeliveries(tx: Tx, rows: Omit<WebhookDelivery, 'id'>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(WebhookDelivery)
      .values(rows.slice(start, start + CHUNK))
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}
