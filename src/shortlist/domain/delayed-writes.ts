/** The longest wait between two attempts while writing keeps failing. */
const MAX_RETRY_DELAY_MS = 60_000;

/** What one run writes: `isLast` for the closing one (the stop). Says whether it succeeded. */
export type Write = (options: { isLast: boolean }) => Promise<boolean>;

/**
 * Runs `write` a short while after it is asked for, one run at a time, so the requests of that while
 * share one run. After a failure the next run comes after twice the previous wait (up to a minute),
 * so an unreachable database is not hammered. `pausedFor` keeps writes out while other work runs (a
 * write that comes due meanwhile runs as soon as it ends). `close()` makes one last run and stops.
 * Timers do not keep the process alive.
 */
export class DelayedWrites {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private isPaused = false;
  private isRequestedAgain = false;
  private isDue = false;
  private failureCount = 0;
  private isClosed = false;

  /** `onError` hears of a write that rejected (a bug: `write` reports its own failures); it counts as one. */
  constructor(private readonly write: Write, private readonly delayMs: number, private readonly onError: (err: unknown) => void) {}

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

  /** Runs now, after the run under way (if any) and instead of the one waiting; whether it succeeded (false once closed). */
  async writeNow(): Promise<boolean> {
    this.refuseInsidePause('writeNow');
    await this.whenFree();
    return this.isClosed ? false : this.run(false);
  }

  /**
   * Runs `work` with no write under way meanwhile (after the one under way, if any). What `work`
   * gives or throws goes to the caller. `work` must not call `writeNow` or `pausedFor`: it would wait
   * for itself.
   */
  async pausedFor<T>(work: () => Promise<T>): Promise<T> {
    this.refuseInsidePause('pausedFor');
    await this.whenFree();
    this.isPaused = true;
    const doing = work();
    // Only that it ended matters here; its outcome is the caller's.
    this.running = doing.then(() => undefined, () => undefined).then(() => {
      this.isPaused = false;
      this.running = undefined;
      this.afterTurn();
    });
    return doing;
  }

  /** Resolves once the run under way (if any) is over. */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Makes one last run (after the one under way) and stops; whether it succeeded. Later requests and `writeNow` do nothing. */
  async close(): Promise<boolean> {
    this.refuseInsidePause('close');
    this.isClosed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.whenFree();
    return this.run(true);
  }

  private async whenFree(): Promise<void> {
    while (this.running) await this.running;
  }

  private refuseInsidePause(what: string): void {
    // Called from inside paused work it would wait for itself; a bug in the caller, not a condition.
    if (this.isPaused) throw new Error(`DelayedWrites.${what} called while paused`);
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.running) {
      this.isDue = true;
      return;
    }
    void this.run(false);
  }

  /** What follows a run or a pause: a write that came due runs at once, one asked for waits its delay. */
  private afterTurn(): void {
    if (this.isClosed) return;
    if (this.isDue) {
      this.isDue = false;
      this.isRequestedAgain = false;
      void this.run(false);
    } else if (this.isRequestedAgain) {
      this.isRequestedAgain = false;
      this.request();
    }
  }

  private run(isLast: boolean): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const attempt = this.write({ isLast }).catch((err: unknown) => {
      this.onError(err);
      return false;
    });
    this.running = attempt.then((isDone) => {
      this.failureCount = isDone ? 0 : this.failureCount + 1;
      this.running = undefined;
      // A failure is tried again, after a longer wait.
      if (!isDone) this.isRequestedAgain = true;
      this.afterTurn();
    });
    return attempt;
  }
}
