/**
 * Admission control for GraphQL executions: at most `limit` run at once, the others wait in
 * arrival order, and past `maxWaiting` waiting ones a request is turned away at once (the server
 * answers 503 with Retry-After) instead of joining a queue it would time out in.
 *
 * Why: one Node thread works on one request at a time; a request beyond the few that keep it busy
 * only waits, holding its parsed operation, loaders and half-built answer in memory. At 32
 * connections that garbage cost over a quarter of the subgraph's CPU per front page and most of its
 * peak RSS (bench/README.md). Written here because it is twenty lines, and the libraries that do
 * the counting (p-limit) are ESM-only and do not bound the queue.
 */
export class RequestGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  /** Executions running now, and requests waiting for a slot (for /metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Runs `task` when a slot is free: 'full', without running it, when the queue is full; 'gone' when
   * `abandoned` fires while it waits (its client hung up: it leaves the queue and never runs).
   */
  async run(task: () => Promise<void>, abandoned?: AbortSignal): Promise<'done' | 'full' | 'gone'> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) return 'full';
      const admitted = await new Promise<boolean>((resolve) => {
        const admit = () => resolve(true);
        this.waiting.push(admit);
        abandoned?.addEventListener(
          'abort',
          () => {
            const index = this.waiting.indexOf(admit);
            if (index < 0) return;
            this.waiting.splice(index, 1);
            resolve(false);
          },
          { once: true },
        );
      });
      if (!admitted) return 'gone';
    } else {
      this.running += 1;
    }
    try {
      await task();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops below the limit
      // while someone waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
    return 'done';
  }
}
