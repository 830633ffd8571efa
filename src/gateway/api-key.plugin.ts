import { createHash } from 'node:crypto';
import { bearerKey } from '../auth/viewer-from-request';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { LRUCache } from 'lru-cache';
import { API_KEY_ROLE_HEADER, API_KEY_SCOPE_HEADER, SAFELIST_SCOPE } from '../auth/api-key-scope';
import { isApiKeyRole } from '../auth/api-keys';
import type { Role } from '../viewer';
import type { SubgraphEntry } from './subgraph-list';
import { signatureHeaders } from './subgraph-signing.plugin';

/** How long a key found valid is trusted without asking again. */
const TRUSTED_FOR_MS = 30_000;

/** A key found valid: its hash (never the key itself) and its role, as the key's owner answered. */
export interface PresentedKey {
  readonly id: string;
  readonly role: Role;
  /** It may run only the safelisted operations (persisted-operations.ts), as content's answer says (API_KEY_SCOPE_HEADER). */
  readonly safelistOnly: boolean;
}

/**
 * A request that presents credentials must present valid ones, whatever subgraphs its operation
 * reaches: without this, a made-up key was let through whenever the operation touched only a
 * subgraph that does not read keys (the engagement example). The gateway checks once per request,
 * before planning, by asking the subgraph that owns the keys (content) to answer `{ __typename }`
 * with the same Authorization header: content validates keys on every request and answers 401 with
 * a GraphQL error for a bad one, which is passed on as it is. Keys found valid are trusted for
 * TRUSTED_FOR_MS (by hash, in a bounded cache), so a revoked key stops working at once for content
 * and within that time for operations that reach only other subgraphs. Content's answer names the
 * key's role (API_KEY_ROLE_HEADER), kept with the hash for the rate limits (rate-limit.plugin.ts).
 */
export function apiKeyPlugin(
  keyOwner: SubgraphEntry,
  /** The request's id (x-request-id), sent with the check so both log lines carry it. */
  requestIdOf: (request: Request) => string | undefined,
  /** SUBGRAPH_SECRET: the check is a subgraph request like any other, so it is signed too. */
  subgraphSecret?: string,
  /** Told of every request whose key is valid. */
  onValidKey: (request: Request, key: PresentedKey) => void = () => {},
): GatewayPlugin {
  const trusted = new LRUCache<string, PresentedKey>({ max: 10_000, ttl: TRUSTED_FOR_MS });
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const authorization = request.headers.get('authorization');
      if (authorization === null || authorization.trim() === '') return;
      // The key itself, not the header's text: `bearer KEY` and `Bearer  KEY` are one key (and one
      // rate-limit account); a header that presents no key is checked (and refused) as it is.
      const id = createHash('sha256')
        .update(bearerKey(authorization) ?? authorization)
        .digest('base64url');
      const known = trusted.get(id);
      if (known) return onValidKey(request, known);
      const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(body, {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
          }),
        );
      let response: Response;
      const body = JSON.stringify({ query: '{ __typename }' });
      try {
        response = await fetch(keyOwner.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization,
            ...idHeader(requestIdOf(request)),
            ...signatureHeaders(subgraphSecret, body),
          },
          body,
          signal: AbortSignal.timeout(keyOwner.timeoutMs),
        });
      } catch {
        response = new Response(null, { status: 503 });
      }
      if (response.ok) {
        // A content service that does not name roles yet: its keys count as partners', the lowest.
        const named = response.headers.get(API_KEY_ROLE_HEADER) ?? '';
        const role = isApiKeyRole(named) ? named : 'partner';
        const key = { id, role, safelistOnly: response.headers.get(API_KEY_SCOPE_HEADER) === SAFELIST_SCOPE };
        trusted.set(id, key);
        return onValidKey(request, key);
      }
      if (response.status === 401) {
        answer(401, await response.text(), { 'www-authenticate': 'Bearer' });
        return;
      }
      await response.body?.cancel();
      answer(
        503,
        JSON.stringify({
          errors: [
            {
              message: `The API key cannot be checked now: subgraph "${keyOwner.name}" does not answer; retry shortly.`,
              extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: keyOwner.name },
            },
          ],
        }),
        { 'retry-after': '1' },
      );
    },
  };
}

const idHeader = (id: string | undefined): Record<string, string> => (id ? { 'x-request-id': id } : {});
