import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ADMIN } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { toGlobalId } from '../node/global-id';
import { ChangeKind } from '../syndication/article-change.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { endpointId } from './webhook.mutations';

const MAX_PAGE = 100;

function pageSize(first: number, field: string): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput(field, `${field} must be between 1 and ${MAX_PAGE}, got ${first}; page on with the last id.`);
  }
  return first;
}

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(ADMIN)
  @Query(() => [WebhookEndpoint], { description: 'Partners’ webhooks, by id: page on with `after` (the last id).' })
  webhooks(
    @Ctx() { loaders }: RequestContext,
    @Arg('apiKeyId', () => Int, { nullable: true, description: 'Only those of this key.' }) apiKeyId?: number | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => ID, { nullable: true }) after?: string | null,
  ): Promise<WebhookEndpoint[]> {
    const from = after == null ? 0 : endpointId(after, 'after');
    return loaders.webhooks.list(pageSize(first, 'first'), from, apiKeyId ?? null);
  }

  @Authorized(ADMIN)
  @Query(() => WebhookEndpoint, { nullable: true })
  webhook(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<WebhookEndpoint | null> {
    return loaders.webhooks.byId.load(endpointId(id, 'id'));
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Its deliveries, the newest change first; page on with `before` (the last changeSequence).',
  })
  deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() { loaders }: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('before', () => Int, { nullable: true }) before?: number | null,
    @Arg('status', () => DeliveryStatus, { nullable: true }) status?: DeliveryStatus | null,
  ): Promise<WebhookDelivery[]> {
    const window = { first: pageSize(first, 'first'), before: before ?? null, status: status ?? null };
    return loaders.webhooks.deliveries(window).load(endpoint.id);
  }

  @FieldResolver(() => Int, { description: 'Deliveries not yet taken by the receiver.' })
  async pendingDeliveries(@Root() endpoint: WebhookEndpoint, @Ctx() { loaders }: RequestContext): Promise<number> {
    return (await loaders.webhooks.pendingCount.load(endpoint.id))?.pending ?? 0;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => ChangeKind)
  event(@Root() delivery: WebhookDelivery): ChangeKind {
    return delivery.change!.kind;
  }

  @FieldResolver(() => ID)
  articleId(@Root() delivery: WebhookDelivery): string {
    return toGlobalId('Article', delivery.change!.articleId);
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description: 'When it is next tried (once its webhook is enabled, if it is disabled); null once delivered.',
  })
  nextAttemptAt(@Root() delivery: WebhookDelivery): Date | null {
    return delivery.status === DeliveryStatus.PENDING ? delivery.nextAttemptAt : null;
  }
}
