import type { Doc } from '../values/documents.ts';

/** A document as it was before the commit numbered `until` changed it (null: it did not exist). */
interface Version {
  doc: Doc | null;
  until: number;
}

/**
 * Old versions of a collection's documents, kept only while a transaction may still read them.
 * A transaction reads "as of" the commit number at its start: when a later commit touched a
 * document, the first version recorded after that number is what the transaction sees.
 * The same records tell a committing transaction whether someone else wrote its documents
 * first (first committer wins).
 */
export class VersionHistory {
  private readonly versions = new Map<string, Version[]>();

  get isEmpty(): boolean {
    return this.versions.size === 0;
  }

  record(id: string, previous: Doc | null, until: number): void {
    const list = this.versions.get(id);
    if (list) list.push({ doc: previous, until });
    else this.versions.set(id, [{ doc: previous, until }]);
  }

  /** Takes back the last record (a failed atomic commit rolls back). */
  unrecord(id: string): void {
    const list = this.versions.get(id);
    list?.pop();
    if (list && list.length === 0) this.versions.delete(id);
  }

  /** The version visible at `snapshot`, or undefined when the current one is. */
  versionAt(id: string, snapshot: number): { doc: Doc | null } | undefined {
    const list = this.versions.get(id);
    if (!list) return undefined;
    for (const version of list) if (version.until > snapshot) return version;
    return undefined;
  }

  changedSince(id: string, snapshot: number): boolean {
    return this.versionAt(id, snapshot) !== undefined;
  }

  ids(): IterableIterator<string> {
    return this.versions.keys();
  }

  /** Forgets versions no open transaction can see (all of them when none is open). */
  prune(oldestSnapshot: number | undefined): void {
    if (oldestSnapshot === undefined) {
      this.versions.clear();
      return;
    }
    for (const [id, list] of this.versions) {
      const kept = list.filter((version) => version.until > oldestSnapshot);
      if (kept.length === 0) this.versions.delete(id);
      else if (kept.length !== list.length) this.versions.set(id, kept);
    }
  }
}
