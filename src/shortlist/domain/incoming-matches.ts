import type { TaskMatchResult } from '../../matching/index.ts';

/**
 * Results held over every engagement, at about 0.9 KB each (a result with its evidence, its key and its
 * map entry): some 90 MB at most. Past it, the engagements heard from longest ago are forgotten first.
 */
export const INCOMING_MATCH_LIMIT = 100_000;

interface Held {
  fingerprint: string;
  results: Map<string, TaskMatchResult>;
  /** Keys of results not yet written to the database (`toWrite`, `markWritten`). */
  unwritten: Set<string>;
  /** Grows whenever some of these results are let go (released, pushed out): see `heldMark`. */
  letGoCount: number;
  /**
   * Incoming parts written from here whose every result is still held: a computation need not read
   * them back. Forgotten as soon as any held result is let go.
   */
  partsHeld: Set<string>;
}

/** What `heldMark` notes: the engagement's entry (replaced when its modules change) and how often it let results go. */
export interface HeldMark {
  readonly held: unknown;
  readonly letGoCount: number;
}

/** Results of one engagement under one fingerprint. */
export interface HeldResults {
  engagementId: string;
  fingerprint: string;
  results: ReadonlyMap<string, TaskMatchResult>;
}

/**
 * Match results of tasks made as they come in (a submission, an amendment, a manager's rewording),
 * per engagement, until a computation stores them in the engagement's match cache. A consultant's
 * first computation then finds its tasks matched already, instead of matching tens of thousands of
 * them while they wait. Each result is also written to the database soon after it is added
 * (`toWrite`, `markWritten`; the shortlist's `writeHeldMatches`), so a crash loses at most the last
 * moments' worth. Past the limit, a computation matches what it finds neither here nor stored.
 */
export class IncomingMatches {
  // In order of the last addition, so the first engagement is the one heard from longest ago.
  private readonly byEngagement = new Map<string, Held>();
  // Engagements being removed: whatever still comes for them is not held (nor written).
  private readonly removed = new Set<string>();
  private heldCount = 0;

  /** `onAdd` hears of every addition (to schedule writing it). */
  constructor(private readonly limit = INCOMING_MATCH_LIMIT, private readonly onAdd: () => void = () => undefined) {}

  /** Keeps results matched under `fingerprint`; the engagement's results under another one are dropped (its modules changed). */
  add(engagementId: string, fingerprint: string, results: ReadonlyArray<readonly [string, TaskMatchResult]>): void {
    if (this.removed.has(engagementId)) return;
    let held = this.byEngagement.get(engagementId);
    if (held?.fingerprint !== fingerprint) {
      this.releaseAll(engagementId);
      held = { fingerprint, results: new Map(), unwritten: new Set(), letGoCount: 0, partsHeld: new Set() };
    }
    this.byEngagement.delete(engagementId);
    this.byEngagement.set(engagementId, held);
    for (const [key, result] of results) {
      if (!held.results.has(key)) this.heldCount += 1;
      held.results.set(key, result);
      held.unwritten.add(key);
    }
    this.trimToLimit();
    if (results.length > 0) this.onAdd();
  }

  /** The engagement's results matched under `fingerprint`; none when they were matched under another. */
  resultsOf(engagementId: string, fingerprint: string): ReadonlyMap<string, TaskMatchResult> {
    const held = this.byEngagement.get(engagementId);
    return held?.fingerprint === fingerprint ? held.results : new Map();
  }

  /**
   * Forgets the engagement's results for `keys` (now in its stored cache, or of no task any more),
   * when they are held under `fingerprint`: results held under another one came after (the modules
   * changed meanwhile) and are not the caller's to let go.
   */
  release(engagementId: string, fingerprint: string, keys: Iterable<string>): void {
    const held = this.byEngagement.get(engagementId);
    if (held?.fingerprint !== fingerprint) return;
    held.letGoCount += 1;
    for (const key of keys) {
      if (held.results.delete(key)) this.heldCount -= 1;
      held.unwritten.delete(key);
    }
    held.partsHeld.clear();
    if (held.results.size === 0) this.byEngagement.delete(engagementId);
  }

  /** Marks everything still held for the engagement as unwritten again (the parts it was written in were replaced). */
  writeAgain(engagementId: string, fingerprint: string): void {
    const held = this.byEngagement.get(engagementId);
    if (held?.fingerprint !== fingerprint || held.results.size === 0) return;
    for (const key of held.results.keys()) held.unwritten.add(key);
    held.partsHeld.clear();
    this.onAdd();
  }

  /** Forgets everything held for an engagement about to be removed, and holds nothing for it from now on. */
  forget(engagementId: string): void {
    this.releaseAll(engagementId);
    this.removed.add(engagementId);
  }

  /** Forgets everything held for the engagement. */
  releaseAll(engagementId: string): void {
    const held = this.byEngagement.get(engagementId);
    if (!held) return;
    this.heldCount -= held.results.size;
    this.byEngagement.delete(engagementId);
  }

  /**
   * A mark of what is held for the engagement now. A reader that skips the parts written from held
   * results takes one before its reads and asks `isLetGoSince` after them: when some were let go
   * meanwhile (released, pushed out, dropped with their modules), the parts must be read after all.
   */
  heldMark(engagementId: string): HeldMark {
    const held = this.byEngagement.get(engagementId);
    return { held, letGoCount: held?.letGoCount ?? 0 };
  }

  /** Whether any of the engagement's held results were let go since `mark` was taken. */
  isLetGoSince(engagementId: string, mark: HeldMark): boolean {
    const held = this.byEngagement.get(engagementId);
    return held !== mark.held || (held?.letGoCount ?? 0) !== mark.letGoCount;
  }

  /** How many more results may be held before the oldest are forgotten. */
  get room(): number {
    return Math.max(0, this.limit - this.heldCount);
  }

  /** Every engagement's held results, in the order heard from (a snapshot of which keys; the results are shared). */
  held(): HeldResults[] {
    return [...this.byEngagement].map(([engagementId, { fingerprint, results }]) => ({ engagementId, fingerprint, results: new Map(results) }));
  }

  /** The results not yet written to the database, per engagement (a snapshot). */
  toWrite(): HeldResults[] {
    const due: HeldResults[] = [];
    for (const [engagementId, { fingerprint, results, unwritten }] of this.byEngagement) {
      if (unwritten.size > 0) due.push({ engagementId, fingerprint, results: new Map([...unwritten].map((key) => [key, results.get(key)!])) });
    }
    return due;
  }

  /**
   * Notes that these results (of `toWrite`) are written, as `partIds`, unless the engagement's modules
   * changed meanwhile. The parts count as held only when every one of their results still is (none
   * let go or pushed out while they were written).
   */
  markWritten({ engagementId, fingerprint, results }: HeldResults, partIds: readonly string[]): void {
    const held = this.byEngagement.get(engagementId);
    if (held?.fingerprint !== fingerprint) return;
    let isAllHeld = true;
    for (const key of results.keys()) {
      held.unwritten.delete(key);
      if (!held.results.has(key)) isAllHeld = false;
    }
    if (isAllHeld) for (const id of partIds) held.partsHeld.add(id);
  }

  /** Notes that incoming parts were merged into `into`: still all held when every merged part was. */
  markMerged(engagementId: string, fingerprint: string, merged: readonly string[], into: readonly string[]): void {
    const held = this.byEngagement.get(engagementId);
    if (held?.fingerprint !== fingerprint) return;
    const wereHeld = merged.every((id) => held.partsHeld.has(id));
    for (const id of merged) held.partsHeld.delete(id);
    if (wereHeld) for (const id of into) held.partsHeld.add(id);
  }

  /**
   * Incoming parts of the engagement under `fingerprint` whose results are all held here, so need not
   * be read: take it in the same tick as a `heldMark`, as a release may follow any await.
   */
  partsHeldOf(engagementId: string, fingerprint: string): ReadonlySet<string> {
    const held = this.byEngagement.get(engagementId);
    return held?.fingerprint === fingerprint ? new Set(held.partsHeld) : new Set();
  }

  /** How many results are held, over every engagement. */
  get size(): number {
    return this.heldCount;
  }

  private trimToLimit(): void {
    for (const [engagementId, held] of this.byEngagement) {
      if (this.heldCount <= this.limit) return;
      // Engagements heard from longest ago first; within one, its oldest results first.
      held.letGoCount += 1;
      held.partsHeld.clear();
      for (const key of held.results.keys()) {
        if (this.heldCount <= this.limit) break;
        held.results.delete(key);
        held.unwritten.delete(key);
        this.heldCount -= 1;
      }
      if (held.results.size === 0) this.byEngagement.delete(engagementId);
    }
  }
}
