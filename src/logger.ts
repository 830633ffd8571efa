import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { config } from './config';

/** The request a log line is written for: one scope per request, whatever code writes the line. */
const requestScope = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as the handling of one request: every log line written from it, however deep (a
 * resolver, the database logger, an error formatter), carries `requestId`. The gateway forwards the
 * id to every subgraph as `x-request-id`, so one client request has one id in every service's log.
 */
export const withRequestId = <T>(requestId: string, fn: () => T): T => requestScope.run(requestId, fn);

/** The id of the request being handled here, for an answer that points at its log lines. */
export const currentRequestId = (): string | undefined => requestScope.getStore();

// pino merges the line's own fields into what the mixin returns, so it must be a new object.
const requestIdMixin = () => {
  const requestId = requestScope.getStore();
  return requestId === undefined ? {} : { requestId };
};

/** The logger of another service of the stack (gateway, engagement) when it runs in this process. */
export const serviceLogger = (service: string) =>
  pino({ level: config.logLevel, base: { service }, mixin: requestIdMixin });

export const logger = serviceLogger('content');
