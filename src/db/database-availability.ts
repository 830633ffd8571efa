import type { Logger } from 'pino';
import { DatabaseFault, databaseFault } from './database-faults';

/** How often an unreachable database is tried again. */
const PROBE_EVERY_MS = 500;
/** A readiness answer is reused this long: probes, however many, cost one ping a second. */
const CHECK_FRESH_FOR_MS = 1_000;
/** A fault that fails requests one by one (locked, read-only, disk) is logged at most this often. */
const LOG_FAULT_EVERY_MS = 60_000;

/**
 * Whether the database can be reached, as the requests find it. The first request that meets an
 * unreachable database starts an outage: it is logged once, every request after it is answered
 * SERVICE_UNAVAILABLE at once (not after a connection timeout each, not queued behind others that
 * will fail), readiness says no, and a probe pings the database every PROBE_EVERY_MS until it
 * answers, which ends the outage (logged once too). Nothing needs restarting: the pool makes new
 * connections as it did before.
 */
export class DatabaseAvailability {
  private outageSince: number | null = null;
  private probe: NodeJS.Timeout | null = null;

  constructor(
    private readonly ping: () => Promise<void>,
    private readonly log: Pick<Logger, 'error' | 'warn' | 'info'>,
  ) {}

  get unreachable(): boolean {
    return this.outageSince !== null;
  }

  /**
   * The fault `error` is, or null for any other error. An unreachable database starts an outage;
   * the other faults fail their own request and are logged, once a minute at most, for the
   * operator who has to fix them (a read-only file, a full disk) or to know of them (a lock, load).
   */
  report(error: unknown): DatabaseFault | null {
    const fault = databaseFault(error);
    if (fault && fault !== 'unreachable') {
      const now = Date.now();
      if (now - (this.lastLogged.get(fault) ?? -Infinity) >= LOG_FAULT_EVERY_MS) {
        this.lastLogged.set(fault, now);
        const reason = error instanceof Error ? error.message : String(error);
        if (fault === 'busy')
          this.log.warn({ fault, reason }, 'database busy: a request was answered SERVICE_UNAVAILABLE');
        else
          this.log.error(
            { fault, reason },
            'database cannot serve writes or reads: requests answered SERVICE_UNAVAILABLE',
          );
      }
    }
    if (fault === 'unreachable' && this.outageSince === null) {
      this.outageSince = Date.now();
      this.log.error(
        { reason: error instanceof Error ? error.message : String(error) },
        'database unreachable: answering SERVICE_UNAVAILABLE until it answers again',
      );
      this.scheduleProbe();
    }
    return fault;
  }

  /**
   * Null when the database answered (within the last second); otherwise why not (for the health
   * probes). Probes arriving together share one ping, so they cannot crowd the pool.
   */
  check(): Promise<string | null> {
    if (this.unreachable) return Promise.resolve('database unreachable');
    if (!this.lastCheck || Date.now() - this.lastCheck.at > CHECK_FRESH_FOR_MS) {
      this.lastCheck = {
        at: Date.now(),
        answer: this.ping().then(
          () => null,
          // Every connection in use is load, not a fault of this instance: taking it (and, under
          // the same load, every other one) out of the balancer would make it an outage.
          (error: unknown) => (this.report(error) === 'busy' ? null : 'database does not answer'),
        ),
      };
    }
    return this.lastCheck.answer;
  }

  private lastCheck: { at: number; answer: Promise<string | null> } | null = null;
  private readonly lastLogged = new Map<DatabaseFault, number>();

  stop(): void {
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => {
      this.ping().then(
        () => {
          this.log.info({ outageMs: Date.now() - this.outageSince! }, 'database reachable again');
          this.outageSince = null;
          this.probe = null;
        },
        () => this.scheduleProbe(),
      );
    }, PROBE_EVERY_MS);
    // A probe alone does not keep a stopping process alive.
    this.probe.unref();
  }
}
