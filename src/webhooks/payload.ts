import { Db } from '../db/db';
import { createLoaders, Loaders } from '../loaders';
import { toGlobalId } from '../node/global-id';
import { articleNinjs } from '../syndication/article-ninjs';
import { causeFor } from '../syndication/change-cause';
import { isPublicArticle } from '../syndication/change-log';
import type { Viewer } from '../viewer';
import type { ClaimedDelivery } from './delivery';

/** The JSON body of a delivery (README, Webhooks). */
export interface WebhookPayload {
  /** The delivery: the same in every attempt, so a receiver drops repeats by it. */
  id: string;
  event: string;
  /** The change's position in the feed: a receiver applies a change of an article only if it is higher than the last it applied. */
  sequence: number;
  happenedAt: string;
  articleId: string;
  /** The source, photo or region whose edit changed the article (a photo the key may not receive is not named); null when the article itself changed. */
  cause: string | null;
  /** The article now, as ninjs for the endpoint's key (a partner's without the photos it may not republish); null when no longer published. */
  article: Record<string, unknown> | null;
}

/**
 * The bodies of claimed deliveries, each rendered as its endpoint's key sees the article now: the
 * change feed's rule (changes.resolver.ts), so a receiver applying deliveries in sequence order
 * holds the published set. Loaders are made per batch and per role, so a batch reads each article
 * and its links once and nothing is served from an older batch.
 */
export async function renderPayloads(db: Db, deliveries: readonly ClaimedDelivery[]): Promise<string[]> {
  const loadersByRole = new Map<string, { loaders: Loaders; viewer: Viewer }>();
  const scopeOf = (delivery: ClaimedDelivery) => {
    const key = delivery.endpoint.apiKey!;
    let scope = loadersByRole.get(key.role);
    if (!scope) {
      const viewer: Viewer = { role: key.role, name: key.name };
      scope = { viewer, loaders: createLoaders(db, viewer) };
      loadersByRole.set(key.role, scope);
    }
    return scope;
  };
  return Promise.all(
    deliveries.map(async (delivery) => {
      const { change } = delivery;
      const scope = scopeOf(delivery);
      const article = await scope.loaders.article.byId.load(change.articleId);
      const payload: WebhookPayload = {
        id: String(delivery.id),
        event: change.kind,
        sequence: change.sequence,
        happenedAt: change.happenedAt.toISOString(),
        articleId: toGlobalId('Article', change.articleId),
        cause: await causeFor(change, scope.viewer, scope.loaders),
        article: article && isPublicArticle(article) ? await articleNinjs(article, scope) : null,
      };
      return JSON.stringify(payload);
    }),
  );
}
