import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus registry of one service, with Node's process metrics and a `service` label on
 * every series. All services may run in one process (`npm start`): each has its own registry and
 * its own /metrics, and none uses prom-client's global one.
 */
export function serviceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Answers a scrape of /metrics in Prometheus's text format. */
export async function sendMetrics(registry: Registry, res: ServerResponse): Promise<void> {
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An operation without a name (`{ … }`), or a request refused before its document was read or parsed. */
export const ANONYMOUS = '(anonymous)';
/** Longest operation name a log line repeats; a client may send a name of any length. */
const LOGGED_NAME_CHARACTERS = 100;

/** An operation's name as a log line shows it: cut short past LOGGED_NAME_CHARACTERS. */
export const loggedOperationName = (name: string | null | undefined): string =>
  !name ? ANONYMOUS : name.length > LOGGED_NAME_CHARACTERS ? `${name.slice(0, LOGGED_NAME_CHARACTERS)}…` : name;

/** Every label value past the bound; parenthesised, so no GraphQL name can be mistaken for it. */
export const OTHER = '(other)';

/**
 * Label values a client chooses (operation names): the first `max` distinct ones are kept as they
 * are and later ones are counted under OTHER, so a client that sends a new name with every request
 * cannot grow the series (and the memory behind them) without bound. A name longer than any
 * dashboard shows is OTHER too: a hundred names of a megabyte each would be a bound in name only.
 */
export class BoundedLabels {
  private readonly kept = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly maxLength = 100,
  ) {}

  label(value: string | null | undefined): string {
    if (!value) return ANONYMOUS;
    if (this.kept.has(value)) return value;
    if (this.kept.size >= this.max || value.length > this.maxLength) return OTHER;
    this.kept.add(value);
    return value;
  }
}

/** Operation names kept as labels per service; the rest are OTHER. */
const MAX_OPERATION_NAMES = 100;
/** Codes come from the services, not clients, but a subgraph's are passed on by the gateway as they are. */
const MAX_ERROR_CODES = 50;
/** An error with no `extensions.code`. */
const NO_CODE = '(none)';

export interface AnsweredError {
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * The same three series on every service, so one query covers the gateway and each subgraph:
 * GraphQL requests and their latency by operation name, and the errors in their answers by
 * operation name and code (the code a client got).
 */
export class OperationMetrics {
  private readonly operations = new BoundedLabels(MAX_OPERATION_NAMES);
  private readonly codes = new BoundedLabels(MAX_ERROR_CODES);
  private readonly requests: Counter<'operation'>;
  private readonly errors: Counter<'operation' | 'code'>;
  private readonly duration: Histogram<'operation'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: `GraphQL requests answered, by operation name (${ANONYMOUS} without one; past ${MAX_OPERATION_NAMES} names, ${OTHER})`,
      labelNames: ['operation'],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL answers, by operation name and the extensions.code the client got',
      labelNames: ['operation', 'code'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time a GraphQL request took to its answer (at a subgraph, once admitted and its context built), by operation name',
      labelNames: ['operation'],
      registers: [registry],
    });
  }

  /** The label an operation name is counted under (bounded), for a service's own per-operation series. */
  operationLabel(name: string | null | undefined): string {
    return this.operations.label(name);
  }

  /** `seconds` is absent for a request refused before it started (it has no latency to speak of). */
  record(operation: string, seconds: number | undefined, errors: readonly AnsweredError[] | undefined): void {
    this.requests.inc({ operation });
    if (seconds !== undefined) this.duration.observe({ operation }, seconds);
    for (const error of errors ?? []) {
      const code = error.extensions?.code;
      this.errors.inc({ operation, code: typeof code === 'string' && code ? this.codes.label(code) : NO_CODE });
    }
  }
}
