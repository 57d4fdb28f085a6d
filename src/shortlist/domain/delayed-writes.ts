/** The longest wait between two attempts while writing keeps failing. */
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Runs `write` a short while after it is asked for, one run at a time, so the requests of that while
 * share one run. `write` says whether it succeeded; after a failure the next run comes after twice
 * the previous wait (up to a minute), so an unreachable database is not hammered.
 * Timers do not keep the process alive; `close()` stops further runs.
 */
export class DelayedWrites {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private isRequestedAgain = false;
  private failureCount = 0;
  private isClosed = false;

  /** `onError` hears of a write that rejected (a bug: `write` reports its own failures); it counts as one. */
  constructor(private readonly write: () => Promise<boolean>, private readonly delayMs: number, private readonly onError: (err: unknown) => void) {}

  /** Asks for a run: the one already waiting, or one after the delay. */
  request(): void {
    if (this.isClosed) return;
    if (this.running) {
      this.isRequestedAgain = true;
      return;
    }
    if (this.timer) return;
    const wait = this.failureCount === 0 ? this.delayMs : Math.min(MAX_RETRY_DELAY_MS, this.delayMs * 2 ** this.failureCount);
    this.timer = setTimeout(() => this.onTimer(), wait);
    this.timer.unref();
  }

  /** Runs now, after the run under way (if any) and instead of the one waiting; whether it succeeded. */
  async writeNow(): Promise<boolean> {
    while (this.running) await this.running;
    // The run that just ended may have asked for another: this one serves it.
    clearTimeout(this.timer);
    return this.run();
  }

  /**
   * Runs `work` with no write under way meanwhile (after the one under way, if any); a write that
   * comes due waits for it. What `work` gives or throws goes to the caller.
   */
  async pausedFor<T>(work: () => Promise<T>): Promise<T> {
    while (this.running) await this.running;
    const doing = work();
    // Only that it ended matters here; its outcome is the caller's.
    const ended = doing.then(() => undefined, () => undefined);
    this.running = ended.then(() => {
      this.running = undefined;
      if (this.isRequestedAgain) {
        this.isRequestedAgain = false;
        this.request();
      }
    });
    return doing;
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

  private onTimer(): void {
    this.timer = undefined;
    // Set before a pause began: the write waits for it.
    if (this.running) {
      this.isRequestedAgain = true;
      return;
    }
    void this.run();
  }

  private run(): Promise<boolean> {
    this.timer = undefined;
    const attempt = this.write().catch((err: unknown) => {
      this.onError(err);
      return false;
    });
    this.running = attempt.then((isDone) => {
      this.failureCount = isDone ? 0 : this.failureCount + 1;
      this.running = undefined;
      // What came in during the run, or what failed, waits for the next one.
      if (this.isRequestedAgain || !isDone) {
        this.isRequestedAgain = false;
        this.request();
      }
    });
    return attempt;
  }
}
