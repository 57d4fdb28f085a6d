/** What a background run checks between chunks of its work. */
export interface BackgroundRun {
  readonly isCancelled: boolean;
}

interface Run {
  /** What the run works under (a module-set fingerprint): a computation under another one leaves it alone. */
  readonly scope: string;
  isCancelled: boolean;
}

/**
 * Work the shortlist does between requests, one run at a time in the order started (runs of several
 * engagements at once would make a request wait behind each of their chunks, and crowd each other out
 * of the results held in memory). At most one run per engagement counts: a newer one cancels the one
 * before (its modules changed again, so the older results are of no use). A computation under the
 * same scope, a demo's removal and a stopping service cancel runs too. A run sees it is cancelled at
 * its next check; one cancelled before its turn never starts.
 */
export class BackgroundRuns {
  private readonly latest = new Map<string, Run>();
  private queue: Promise<void> = Promise.resolve();

  /** Queues `work` for `engagementId` under `scope`, cancelling the engagement's earlier run. `work` handles its own errors. */
  start(engagementId: string, scope: string, work: (run: BackgroundRun) => Promise<void>): Promise<void> {
    this.cancel(engagementId);
    const run: Run = { scope, isCancelled: false };
    this.latest.set(engagementId, run);
    const done = this.queue
      .then(() => (run.isCancelled ? undefined : work(run)))
      .finally(() => {
        if (this.latest.get(engagementId) === run) this.latest.delete(engagementId);
      });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Cancels the engagement's run, or only when it works under `scope`. */
  cancel(engagementId: string, scope?: string): void {
    const run = this.latest.get(engagementId);
    if (run && (scope === undefined || run.scope === scope)) run.isCancelled = true;
  }

  cancelAll(): void {
    for (const run of this.latest.values()) run.isCancelled = true;
  }

  /** Resolves once no run is under way or queued (runs started meanwhile included). */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.queue;
      await tail;
    } while (tail !== this.queue);
  }
}
