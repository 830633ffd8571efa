import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Subgraphs answer only the gateway. With SUBGRAPH_SECRET set, the gateway signs each request it
 * sends a subgraph (`x-subgraph-signature: t=<epoch ms>,v1=<hex HMAC-SHA256 of "<t>.<body>">`),
 * and a subgraph refuses a request whose signature is missing, wrong, or older than MAX_AGE_MS.
 *
 * An HMAC of the body rather than the secret itself in a header: a header that leaks into a log or
 * a trace is then good for that one request for a few minutes, not for anything anyone writes.
 */
export const SIGNATURE_HEADER = 'x-subgraph-signature';

/** How far a signature's time may be from the subgraph's clock, either way. */
const MAX_AGE_MS = 5 * 60_000;

const mac = (secret: string, time: string, body: string) =>
  createHmac('sha256', secret).update(`${time}.`).update(body).digest('hex');

/** The header value that signs `body` (the request body; for a GET, the URL's query string). */
export function signSubgraphRequest(secret: string, body: string, now = Date.now()): string {
  const time = String(now);
  return `t=${time},v1=${mac(secret, time, body)}`;
}

const SIGNATURE = /^t=(\d{1,16}),v1=([0-9a-f]{64})$/;

/** What is wrong with `header` before any body is looked at (missing, malformed, expired), or null. */
export function signatureFormProblem(header: string | undefined, now = Date.now()): string | null {
  if (!header) return 'the request is not signed';
  const match = SIGNATURE.exec(header);
  if (!match) return 'the signature is malformed';
  return Math.abs(now - Number(match[1])) > MAX_AGE_MS ? 'the signature has expired' : null;
}

/** Null when `header` signs `body` with `secret`; otherwise what is wrong, for the refusal's message. */
export function signatureProblem(
  secret: string,
  header: string | undefined,
  body: string,
  now = Date.now(),
): string | null {
  const problem = signatureFormProblem(header, now);
  if (problem) return problem;
  const [, time, signature] = SIGNATURE.exec(header!)!;
  const expected = Buffer.from(mac(secret, time, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'the signature does not match';
}
