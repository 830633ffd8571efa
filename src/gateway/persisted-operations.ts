import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { GraphQLError } from 'graphql';
import type { SharedRedis } from '../redis/redis';
import { ApqStore } from './apq-store';
import { SAFELIST_FILE, Safelist } from './safelist';

export const OPERATION_NOT_ALLOWED = 'OPERATION_NOT_ALLOWED';
export const PERSISTED_QUERY_REQUIRED = 'PERSISTED_QUERY_REQUIRED';

/**
 * Persisted operations at the gateway:
 * - automatic persisted queries (Apollo's protocol, by @graphql-yoga/plugin-apq): a client sends
 *   `extensions.persistedQuery.sha256Hash` alone, over GET too, so a CDN can cache the answer;
 *   an unknown hash is PERSISTED_QUERY_NOT_FOUND, the client sends the query with its hash once,
 *   and the gateway keeps it (apq-store.ts). The query found then goes through every check a query
 *   sent in full does (request-checks.plugin.ts, graphql-armor), as the plugin only fills it in;
 * - the safelist (safelist.ts): a key restricted to it, and anonymous callers when
 *   ANONYMOUS_SAFELIST_ONLY is set, run only its operations, however they send them. This is
 *   checked once the operation has parsed and validated (the check needs the document); refusing it
 *   from the validation hook would put the refusal in Yoga's validation cache, which is shared by
 *   every caller.
 *
 * Both must come before any plugin that reads the query in `onParams`.
 */
export function persistedOperationsPlugins(options: {
  safelist: Safelist;
  /** Registered queries shared by every instance; this process's memory when absent. */
  redis?: SharedRedis;
  anonymousSafelistOnly: boolean;
  /** The parser's token limit: a registered text that does not parse within it is not kept. */
  maxTokens: number;
  /** Whether the key a request presented is restricted to the safelist (api-key.plugin.ts). */
  safelistOnlyKey(request: Request): boolean;
}): GatewayPlugin[] {
  // Yoga's plugin type, for a Yoga without the gateway's context: its hooks read none of it.
  const apq = useAPQ({ store: new ApqStore(options.safelist, options.redis, options.maxTokens) }) as GatewayPlugin;
  return [
    {
      async onParams(payload) {
        try {
          await apq.onParams?.(payload);
        } catch (error) {
          throw error instanceof GraphQLError ? apqRefusal(error) : error;
        }
      },
    },
    {
      onExecute({ args, setResultAndStopExecution }) {
        const { request } = args.contextValue as { request: Request };
        const anonymous = !request.headers.get('authorization')?.trim();
        const restricted = anonymous ? options.anonymousSafelistOnly : options.safelistOnlyKey(request);
        if (restricted && !options.safelist.allows(args.document)) {
          setResultAndStopExecution({ errors: [anonymous ? persistedQueryRequired() : operationNotAllowed()] });
        }
      },
    },
  ];
}

/**
 * The APQ plugin's refusals as clients and caches must see them. Never stored: a 404 may be kept by
 * a CDN without being told, and a stored PERSISTED_QUERY_NOT_FOUND would go on answering a hash
 * after its client registered it. A mismatch in words (the plugin's are "PersistedQueryMismatch");
 * "PersistedQueryNotFound" stays as it is, as clients recognise it by that message.
 */
function apqRefusal(error: GraphQLError): GraphQLError {
  const mismatch = error.extensions.code === 'PERSISTED_QUERY_MISMATCH';
  const http = { ...(error.extensions.http as object), headers: { 'cache-control': 'no-store' } };
  return new GraphQLError(
    mismatch
      ? 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; send the hex digest of the query text exactly as sent.'
      : error.message,
    { extensions: { ...error.extensions, http } },
  );
}

const operationNotAllowed = () =>
  new GraphQLError(
    `This API key may run only the safelisted operations (${SAFELIST_FILE}), and this is not one of them; send one of those, as its text or its sha256Hash in extensions.persistedQuery.`,
    { extensions: { code: OPERATION_NOT_ALLOWED, http: { status: 403 } } },
  );

const persistedQueryRequired = () =>
  new GraphQLError(
    `Without an API key, only the safelisted operations (${SAFELIST_FILE}) run here; send one of those, as its text or its sha256Hash in extensions.persistedQuery, or send an API key.`,
    { extensions: { code: PERSISTED_QUERY_REQUIRED, http: { status: 403 } } },
  );
