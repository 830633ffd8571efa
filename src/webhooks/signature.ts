import { createHmac, randomBytes } from 'node:crypto';

/**
 * How a delivery is signed, for receivers to check (README, Webhooks): the header
 * `X-Signature: sha256=<hex>` is HMAC-SHA256 with the endpoint's secret over
 * `"<X-Webhook-Timestamp>.<raw body>"`. The timestamp (Unix seconds, when this attempt was sent) is
 * inside what is signed, so a receiver that refuses timestamps older than a few minutes cannot be
 * fed a recorded delivery again later; repeats within that window are told apart by X-Webhook-Id.
 */
export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const ID_HEADER = 'x-webhook-id';
export const EVENT_HEADER = 'x-webhook-event';

export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** A new endpoint's secret: 32 random bytes, recognisable by its prefix (as API keys are). */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
