import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { SIGNATURE_HEADER, signSubgraphRequest } from '../server/subgraph-signature';

/** Signs every request the gateway's executor sends a subgraph (server/subgraph-signature.ts). */
export function subgraphSigningPlugin(secret: string): GatewayPlugin {
  return {
    onFetch({ url, options, setOptions }) {
      const signed =
        (options.method ?? 'GET').toUpperCase() === 'GET'
          ? new URL(url).search
          : typeof options.body === 'string'
            ? options.body
            : '';
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string>),
          [SIGNATURE_HEADER]: signSubgraphRequest(secret, signed),
        },
      });
    },
  };
}

/** The headers that sign a request the gateway makes itself (the API-key check, composing from `_service`). */
export const signatureHeaders = (secret: string | undefined, body: string): Record<string, string> =>
  secret ? { [SIGNATURE_HEADER]: signSubgraphRequest(secret, body) } : {};
