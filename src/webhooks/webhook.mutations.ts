import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ApiKey } from '../auth/api-key.entity';
import { ADMIN } from '../auth/auth-checker';
import type { RequestContext } from '../context';
import type { Tx } from '../db/transaction';
import { badInput, DomainError, ErrorCode } from '../errors';
import { ArticleChange, ChangeKind } from '../syndication/article-change.entity';
import { checkInput } from '../validation';
import { newSigningSecret } from './signature';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { DisableWebhookInput, RegisterWebhookInput } from './webhook.input';

/** Enough for a partner's staging and production receivers, few enough that one key cannot fan out without bound. */
export const MAX_WEBHOOKS_PER_KEY = 10;

@ObjectType({ description: 'A webhook just registered, with its signing secret: shown this once.' })
export class RegisteredWebhook {
  @Field(() => WebhookEndpoint)
  webhook: WebhookEndpoint;

  @Field({
    description:
      'Signs every delivery (X-Signature: sha256=HMAC-SHA256(secret, "<X-Webhook-Timestamp>.<body>")). ' +
      'Give it to the partner now: it is not shown again.',
  })
  secret: string;
}

@Resolver()
export class WebhookMutations {
  @Authorized(ADMIN)
  @Mutation(() => RegisteredWebhook, {
    description:
      "Registers a partner's webhook: every change of the feed from now on (of the kinds asked for) is POSTed to it, signed.",
  })
  async registerWebhook(
    @Ctx() { writes }: RequestContext,
    @Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput,
  ): Promise<RegisteredWebhook> {
    checkInput(input, 'input');
    const events = input.events ?? Object.values(ChangeKind);
    const secret = newSigningSecret();
    const webhook = await writes.run(async (tx, now) => {
      await assertPartnerKey(tx, input.apiKeyId);
      // Starts at the log's end: what came before is the feed's to replay (changes(since:)).
      const { last } = (await tx.manager
        .createQueryBuilder(ArticleChange, 'c')
        .select('MAX(c.sequence)', 'last')
        .getRawOne<{ last: number | string | null }>())!;
      const endpoint = tx.manager.create(WebhookEndpoint, {
        apiKeyId: input.apiKeyId,
        url: input.url,
        events,
        secret,
        enabled: true,
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
        cursorSequence: Number(last ?? 0),
        createdAt: now,
      });
      return tx.manager.save(endpoint);
    });
    return { webhook, secret };
  }

  @Authorized(ADMIN)
  @Mutation(() => WebhookEndpoint, {
    description: 'Stops deliveries to a webhook: changes wait (nothing is lost) until it is enabled again.',
  })
  disableWebhook(
    @Ctx() { writes, viewer }: RequestContext,
    @Arg('input', () => DisableWebhookInput) input: DisableWebhookInput,
  ): Promise<WebhookEndpoint> {
    checkInput(input, 'input');
    const id = endpointId(input.id, 'input.id');
    return writes.run(async (tx, now) => {
      await existing(tx, id, 'input.id');
      const disabledReason = `Disabled by ${viewer.name ?? 'an admin'}: ${input.reason.trim()}`;
      await tx.manager.update(WebhookEndpoint, { id }, { enabled: false, disabledAt: now, disabledReason });
      return existing(tx, id, 'input.id');
    });
  }

  @Authorized(ADMIN)
  @Mutation(() => WebhookEndpoint, {
    description:
      'Enables a webhook again (one disabled by an admin, or for failing too long): its failing streak starts over, ' +
      'its pending deliveries are due at once, and the changes it missed meanwhile follow.',
  })
  enableWebhook(@Ctx() { writes }: RequestContext, @Arg('id', () => ID) rawId: string): Promise<WebhookEndpoint> {
    const id = endpointId(rawId, 'id');
    return writes.run(async (tx, now) => {
      await existing(tx, id, 'id');
      await tx.manager.update(
        WebhookEndpoint,
        { id },
        { enabled: true, disabledAt: null, disabledReason: null, failingSince: null },
      );
      await tx.manager.update(
        WebhookDelivery,
        { endpointId: id, status: DeliveryStatus.PENDING },
        { nextAttemptAt: now },
      );
      return existing(tx, id, 'id');
    });
  }

  @Authorized(ADMIN)
  @Mutation(() => Boolean, {
    description: 'Deletes a webhook and its deliveries, sent or not. False when there was none.',
  })
  async deleteWebhook(@Ctx() { writes }: RequestContext, @Arg('id', () => ID) rawId: string): Promise<boolean> {
    const id = endpointId(rawId, 'id');
    return writes.run(async (tx) => ((await tx.manager.delete(WebhookEndpoint, { id })).affected ?? 0) > 0);
  }
}

/** A webhook's id as the API shows it (its row id); anything else is BAD_USER_INPUT on `field`. */
export function endpointId(raw: string, field: string): number {
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(id <= 2_147_483_647)) throw badInput(field, `${field} must be a webhook's id, as webhooks lists them.`);
  return id;
}

async function existing(tx: Tx, id: number, field: string): Promise<WebhookEndpoint> {
  const endpoint = await tx.manager.findOneBy(WebhookEndpoint, { id });
  if (!endpoint) throw new DomainError(ErrorCode.NotFound, `There is no webhook ${id}.`, field);
  return endpoint;
}

async function assertPartnerKey(tx: Tx, apiKeyId: number): Promise<void> {
  const field = 'input.apiKeyId';
  const key =
    Number.isSafeInteger(apiKeyId) && apiKeyId > 0 ? await tx.manager.findOneBy(ApiKey, { id: apiKeyId }) : null;
  if (!key || key.revokedAt) {
    throw badInput(field, `apiKeyId must be a live API key's id (npm run apikey -- list); ${apiKeyId} is not.`);
  }
  if (key.role !== 'partner') {
    throw badInput(field, `Webhooks serve partner keys; key ${apiKeyId} has role ${key.role}.`);
  }
  const count = await tx.manager.countBy(WebhookEndpoint, { apiKeyId });
  if (count >= MAX_WEBHOOKS_PER_KEY) {
    throw badInput(field, `Key ${apiKeyId} has ${count} webhooks, the most a key may have; delete one first.`);
  }
}
