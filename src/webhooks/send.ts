import { EVENT_HEADER, ID_HEADER, signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
import type { Outcome } from './delivery';

export interface Request {
  url: string;
  secret: string;
  deliveryId: number;
  event: string;
  body: string;
}

/**
 * POSTs one delivery, signed (signature.ts). Redirects are not followed: a receiver that moved is
 * told to the admin as a failure rather than followed to wherever a 3xx points (another host, an
 * internal address). The answer's body is never read, so a receiver cannot make the worker hold
 * or buffer a large one. `stop` aborts the request when the worker shuts down.
 */
export async function send(request: Request, timeoutMs: number, stop: AbortSignal): Promise<Outcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([timeout, stop]),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'content-gateway-webhooks/1',
        [ID_HEADER]: String(request.deliveryId),
        [EVENT_HEADER]: request.event,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signature(request.secret, timestamp, request.body),
      },
      body: request.body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { kind: 'delivered', httpStatus: response.status };
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return { kind: 'failed', httpStatus: response.status, error: `HTTP ${response.status}${redirect}` };
  } catch (error) {
    if (stop.aborted) return { kind: 'interrupted' };
    if (timeout.aborted) return { kind: 'failed', httpStatus: null, error: `No answer within ${timeoutMs} ms` };
    return { kind: 'failed', httpStatus: null, error: networkError(error) };
  }
}

/** undici's "fetch failed" says nothing; its cause says what (ECONNREFUSED, ENOTFOUND, a TLS error). */
function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Request failed: ${detail}`;
}
