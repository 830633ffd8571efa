import { manyByKey, oneByKey, perArguments } from '../db/batch';
import type { LoaderScope } from '../loader-scope';
import { ArticleChange } from '../syndication/article-change.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export type WebhookLoaders = ReturnType<typeof createWebhookLoaders>;

/** Which deliveries of each endpoint: newest change first, those before `before` (a change sequence). */
export interface DeliveryWindow {
  first: number;
  before: number | null;
  status: DeliveryStatus | null;
}

/** Endpoints and their deliveries, for admins (webhook.resolver.ts); each list is one statement per batch. */
export function createWebhookLoaders(scope: LoaderScope) {
  const { db } = scope;
  const endpoints = db.entityRows(WebhookEndpoint);
  const deliveries = db.entityRows(WebhookDelivery);
  const changes = db.entityRows(ArticleChange);
  const endpointQuery = () => endpoints.selectFrom(db.select().select([]).from(WebhookEndpoint, 'e'), 'e');

  return {
    byId: oneByKey(
      scope,
      'webhooks.byId',
      async (keys: number[]) =>
        (await db.rows('webhooks.byId', () => endpointQuery().where(db.inKeys('e.id', 'keys')), { keys })).map((row) =>
          endpoints.read(row, 'e'),
        ),
      (endpoint) => endpoint.id,
    ),

    /** Up to `first` endpoints after the id `after`, of one key or all, by id. */
    list: async (first: number, after: number, apiKeyId: number | null): Promise<WebhookEndpoint[]> => {
      const shape = `webhooks.list ${apiKeyId === null ? 'all' : 'key'}`;
      const build = () => {
        const query = endpointQuery().where('e.id > :after').orderBy('e.id').limit(first);
        return apiKeyId === null ? query : query.andWhere('e.api_key_id = :apiKeyId');
      };
      return (await db.rows(`${shape} ${first}`, build, { after, apiKeyId })).map((row) => endpoints.read(row, 'e'));
    },

    /** Per endpoint, its deliveries as `window` says, each with its change: one window function per batch. */
    deliveries: perArguments((window: DeliveryWindow) =>
      manyByKey(scope, 'webhooks.deliveries', async (keys: number[]) => {
        const shape = `webhooks.deliveries ${window.before === null ? '' : 'before'} ${window.status ?? ''}`;
        const build = () => {
          const ranked = db
            .select()
            .select([])
            .from(WebhookDelivery, 'd')
            .innerJoin(ArticleChange, 'c', 'c.sequence = d.changeSequence')
            .addSelect('d.endpoint_id', 'endpoint_key')
            .addSelect('ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.change_id DESC)', 'rn')
            .where(db.inKeys('d.endpoint_id', 'keys'));
          deliveries.selectFrom(ranked, 'd');
          changes.selectFrom(ranked, 'c');
          if (window.before !== null) ranked.andWhere('d.change_id < :before');
          if (window.status !== null) ranked.andWhere('d.status = :status');
          return db
            .select()
            .select('ranked.*')
            .from(`(${ranked.getQuery()})`, 'ranked')
            .where('ranked.rn <= :first')
            .orderBy('ranked.endpoint_key')
            .addOrderBy('ranked.rn');
        };
        const rows = await db.rows(shape, build, { keys, ...window });
        return rows.map((row): [number, WebhookDelivery] => {
          const delivery = deliveries.read(row, 'd');
          delivery.change = changes.read(row, 'c');
          return [delivery.endpointId, delivery];
        });
      }),
    ),

    /** Per endpoint, how many deliveries are pending. */
    pendingCount: oneByKey(
      scope,
      'webhooks.pendingCount',
      async (keys: number[]) => {
        const build = () =>
          db
            .select()
            .select('d.endpoint_id', 'endpoint_id')
            .addSelect('COUNT(*)', 'pending')
            .from(WebhookDelivery, 'd')
            .where(db.inKeys('d.endpoint_id', 'keys'))
            .andWhere('d.status = :pending')
            .groupBy('d.endpoint_id');
        const rows = await db.rows('webhooks.pendingCount', build, { keys, pending: DeliveryStatus.PENDING });
        return rows.map((row) => ({ endpointId: Number(row.endpoint_id), pending: Number(row.pending) }));
      },
      (count) => count.endpointId,
    ),
  };
}
