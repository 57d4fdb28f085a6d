import { SecondaryIndex } from '../engine/secondary-index.ts';
import type { Plannable } from '../engine/query-plan.ts';
import type { Doc } from '../values/documents.ts';

/**
 * The documents a transaction has written (and not deleted) in one collection, with their keys
 * in the collection's indexes, kept up to date as the transaction writes. Without it, each key a
 * transaction wrote had to be looked for among all its own writes: a transaction inserting n
 * documents under a unique index cost O(n²), and a roster of 5,000 people took half a minute.
 *
 * An index is mirrored from the first time it is asked for (one pass over the documents
 * written so far), so indexes created by others while the transaction runs are covered too.
 */
export class OwnDocuments {
  /** The transaction's current version of each document it wrote, deleted ones left out. */
  readonly docs = new Map<string, Doc>();
  /** Per index of the committed collection, the same index over `docs`. */
  private readonly mirrors = new Map<SecondaryIndex, SecondaryIndex>();

  /** The transaction's new version of a document (null: it deleted it). */
  set(id: string, doc: Doc | null): void {
    const before = this.docs.get(id);
    for (const mirror of this.mirrors.values()) {
      if (before) mirror.remove(id, before);
      if (doc) mirror.add(id, doc);
    }
    if (doc) this.docs.set(id, doc);
    else this.docs.delete(id);
  }

  /**
   * The documents written here as a query plan sees them: `indexes` are the mirrors of the
   * committed collection's indexes, so a filter picks its candidates among them by index as well.
   */
  plannable(committed: Iterable<SecondaryIndex>): Plannable {
    const mirrors = [...committed].map((index) => this.mirrorOf(index));
    return { docs: this.docs, indexes: { values: () => mirrors } };
  }

  /** Ids of the documents written here that hold `keyText` in `index` (a committed collection's index). */
  idsForKey(index: SecondaryIndex, keyText: string): string[] {
    if (this.docs.size === 0) return [];
    return this.mirrorOf(index).idsForKey(keyText);
  }

  private mirrorOf(index: SecondaryIndex): SecondaryIndex {
    let mirror = this.mirrors.get(index);
    if (!mirror) {
      mirror = new SecondaryIndex(index.spec, this.docs);
      for (const [id, doc] of this.docs) mirror.add(id, doc);
      this.mirrors.set(index, mirror);
    }
    return mirror;
  }
}
