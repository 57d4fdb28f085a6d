/** The longest wait between two attempts while writing keeps failing. */
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Runs `write` a short while after it is asked for, one run at a time, so the requests of that while
 * share one run. `write` says whether it succeeded and never rejects; after a failure the next run
 * comes after twice the previous wait (up to a minute), so an unreachable database is not hammered.
 * Timers do not keep the process alive; `close()` stops further runs.
 */
export class DelayedWrites {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private isRequestedAgain = false;
  private failureCount = 0;
  private isClosed = false;

  constructor(private readonly write: () => Promise<boolean>, private readonly delayMs: number) {}

  /** Asks for a run: the one already waiting, or one after the delay. */
  request(): void {
    if (this.isClosed) return;
    if (this.running) {
      this.isRequestedAgain = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.min(MAX_RETRY_DELAY_MS, this.delayMs * 2 ** this.failureCount);
    this.timer = setTimeout(() => this.run(), wait);
    this.timer.unref();
  }

  /** Resolves once the run under way (if any) is over. */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Stops further runs, and resolves once the run under way (if any) is over. */
  async close(): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private run(): void {
    this.timer = undefined;
    this.running = this.write().then((isDone) => {
      this.failureCount = isDone ? 0 : this.failureCount + 1;
      this.running = undefined;
      // What came in during the run, or what failed, waits for the next one.
      if (this.isRequestedAgain || !isDone) {
        this.isRequestedAgain = false;
        this.request();
      }
    });
  }
}
