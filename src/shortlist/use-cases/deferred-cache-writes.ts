import type { TaskMatchResult } from '../../matching/index.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * How long a computation's match-cache write waits. Writing 37,000 results takes about 0.3 s of the
 * thread that serves requests, so it waits until the consultant has their answer and, on the pages,
 * the shortlist page the computation redirects to (about 1 s to send or draw for 5,000 people).
 */
export const CACHE_WRITE_DELAY_MS = 5_000;

/** Writes an engagement's whole match cache (`saveMatchCache`). */
export type WriteMatchCache = (engagementId: string, fingerprint: string, results: ReadonlyMap<string, TaskMatchResult>) => Promise<void>;

interface PendingWrite {
  fingerprint: string;
  results: ReadonlyMap<string, TaskMatchResult>;
  /** Told once the results are stored (the incoming results they include can then be let go). */
  onStored: Array<() => void>;
  timer: NodeJS.Timeout;
}

/**
 * Match-cache writes done shortly after a computation's answer instead of before it. Until a write is
 * done, its results are still offered to the next computation (`pendingResults`); a newer computation
 * of the same engagement replaces a write not yet started, which keeps its first deadline (computations
 * in quick succession cannot put the write off for ever). A failed write is logged: the results were
 * only a cache, and the tasks are matched again next time.
 */
export class DeferredCacheWrites {
  private readonly pending = new Map<string, PendingWrite>();
  // One write at a time per engagement, in order, so an older computation's results never land last.
  private readonly writing = new Map<string, { write: PendingWrite; done: Promise<void> }>();
  // Engagements whose shortlists were deleted (a demo removed): nothing is written for them again.
  private readonly removed = new Set<string>();

  constructor(
    private readonly write: WriteMatchCache,
    private readonly logger: Logger,
    private readonly delayMs = CACHE_WRITE_DELAY_MS,
  ) {}

  /** Writes `results` as the engagement's cache within `delayMs`; `onStored` runs once they are. */
  schedule(engagementId: string, fingerprint: string, results: ReadonlyMap<string, TaskMatchResult>, onStored: () => void): void {
    if (this.removed.has(engagementId)) return;
    const replaced = this.pending.get(engagementId);
    const timer = replaced?.timer ?? setTimeout(() => void this.start(engagementId), this.delayMs);
    // A service stopping, or a test run ending, does not wait for the timer: `flush` writes what is left.
    timer.unref();
    this.pending.set(engagementId, { fingerprint, results, onStored: [...(replaced?.onStored ?? []), onStored], timer });
  }

  /** Whether the engagement has a write not done yet (any fingerprint): a computation must then write its own after it. */
  isWriting(engagementId: string): boolean {
    return this.pending.has(engagementId) || this.writing.has(engagementId);
  }

  /** Results of the engagement's latest write not done yet, under `fingerprint`. */
  pendingResults(engagementId: string, fingerprint: string): ReadonlyMap<string, TaskMatchResult> {
    const write = this.pending.get(engagementId) ?? this.writing.get(engagementId)?.write;
    return write?.fingerprint === fingerprint ? write.results : new Map();
  }

  /**
   * The engagement's shortlists are being deleted: drops its write not started, waits for one under way
   * (so the deletion that follows removes what it wrote), and writes nothing for it from now on.
   */
  async cancel(engagementId: string): Promise<void> {
    this.removed.add(engagementId);
    const write = this.pending.get(engagementId);
    if (write) clearTimeout(write.timer);
    this.pending.delete(engagementId);
    await this.writing.get(engagementId)?.done;
  }

  /** Starts every pending write now and waits for all of them: the service stopping, or a test reading the cache. */
  async flush(): Promise<void> {
    for (const [engagementId, write] of this.pending) {
      clearTimeout(write.timer);
      void this.start(engagementId);
    }
    await Promise.all([...this.writing.values()].map((w) => w.done));
  }

  private start(engagementId: string): Promise<void> {
    const write = this.pending.get(engagementId);
    if (!write) return Promise.resolve();
    this.pending.delete(engagementId);
    const before = this.writing.get(engagementId)?.done ?? Promise.resolve();
    const done = before
      .then(() => this.write(engagementId, write.fingerprint, write.results))
      .then(() => write.onStored.forEach((stored) => stored()))
      .catch((err: unknown) => this.logger.warn({ err, engagementId }, 'match cache not written; the next computation matches those tasks again'))
      .finally(() => {
        if (this.writing.get(engagementId)?.done === done) this.writing.delete(engagementId);
      });
    this.writing.set(engagementId, { write, done });
    return done;
  }
}
