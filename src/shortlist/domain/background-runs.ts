/** What a background run checks between chunks of its work. */
export interface BackgroundRun {
  readonly isCancelled: boolean;
}

/**
 * Work the shortlist does between requests, at most one run per engagement: a newer run for the
 * same engagement cancels the one before (its modules changed again, so the older results are of no
 * use), and a stopping service cancels them all. A run sees it is cancelled at its next check.
 */
export class BackgroundRuns {
  private readonly latest = new Map<string, { isCancelled: boolean }>();
  private readonly running = new Set<Promise<void>>();

  /** Starts `work` for `engagementId`, cancelling the run already under way for it. `work` handles its own errors. */
  start(engagementId: string, work: (run: BackgroundRun) => Promise<void>): Promise<void> {
    const previous = this.latest.get(engagementId);
    if (previous) previous.isCancelled = true;
    const run = { isCancelled: false };
    this.latest.set(engagementId, run);
    const done: Promise<void> = work(run).finally(() => {
      if (this.latest.get(engagementId) === run) this.latest.delete(engagementId);
      this.running.delete(done);
    });
    this.running.add(done);
    return done;
  }

  cancel(engagementId: string): void {
    const run = this.latest.get(engagementId);
    if (run) run.isCancelled = true;
  }

  cancelAll(): void {
    for (const run of this.latest.values()) run.isCancelled = true;
  }

  /** Resolves once no run is under way (runs started meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
