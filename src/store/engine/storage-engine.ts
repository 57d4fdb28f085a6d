import { StoreError } from '../errors.ts';
import { valueKey } from '../values/value-keys.ts';
import type { Change, ChangeLog } from './changes.ts';
import { Collection, idOf } from './collection.ts';

type Undo = () => void;

interface UndoLog {
  push(step: Undo): void;
}

/** The undo log of a single change, which needs none. */
const NO_UNDO: UndoLog = { push: () => undefined };

/**
 * All databases and collections in memory, and the only place they change. Every change goes
 * through `commit` (live writes: checked, atomic per batch, numbered, sent to the journal) or
 * `replay` (start-up: the journal's own batches, in order). One code path for both means a
 * replayed store is the store that was acknowledged.
 */
export class StorageEngine {
  /** Number of the last committed batch; transactions read "as of" such a number. */
  seq = 0;
  private readonly databases = new Map<string, Map<string, Collection>>();
  private readonly openSnapshots = new Map<number, number>();

  constructor(private log: ChangeLog | undefined = undefined) {}

  attachLog(log: ChangeLog): void {
    this.log = log;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((collections) => [...collections.values()]);
  }

  /** Applies a batch atomically (all or nothing) and queues it for the journal; returns its journal position. */
  commit(changes: Change[]): number {
    if (changes.length === 0) return 0;
    this.log?.assertWritable();
    const seq = this.seq + 1;
    this.applyAll(changes, seq);
    this.seq = seq;
    return this.log?.append(seq, changes) ?? 0;
  }

  /** Re-applies a batch read back from the journal at start-up. */
  replay(seq: number, changes: Change[]): void {
    this.applyAll(changes, seq);
    this.seq = Math.max(this.seq, seq);
  }

  /**
   * All or nothing. A single change needs no undo log: every check it can fail comes before
   * it changes anything (most commits are single changes, and so is most of a replay).
   */
  private applyAll(changes: Change[], seq: number): void {
    if (changes.length === 1) {
      this.apply(changes[0], seq, NO_UNDO);
      return;
    }
    const undo: Undo[] = [];
    try {
      for (const change of changes) this.apply(change, seq, undo);
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  /** A transaction starts: it will read as of the current commit number. */
  openSnapshot(): number {
    this.openSnapshots.set(this.seq, (this.openSnapshots.get(this.seq) ?? 0) + 1);
    return this.seq;
  }

  closeSnapshot(snapshot: number): void {
    const count = (this.openSnapshots.get(snapshot) ?? 1) - 1;
    if (count > 0) this.openSnapshots.set(snapshot, count);
    else this.openSnapshots.delete(snapshot);
    const oldest = this.oldestSnapshot();
    for (const collection of this.allCollections()) if (!collection.history.isEmpty) collection.history.prune(oldest);
  }

  private oldestSnapshot(): number | undefined {
    return this.openSnapshots.size === 0 ? undefined : Math.min(...this.openSnapshots.keys());
  }

  private apply(change: Change, seq: number, undo: UndoLog): void {
    const keepHistory = this.openSnapshots.size > 0;
    switch (change.t) {
      case 'insert': {
        const collection = this.ensureCollection(change.db, change.c, undo);
        const id = idOf(change.doc);
        collection.checkInsert(id, change.doc);
        if (keepHistory) {
          collection.history.record(id, null, seq);
          undo.push(() => collection.history.unrecord(id));
        }
        collection.insert(id, change.doc);
        undo.push(() => collection.remove(id, change.doc));
        return;
      }
      case 'replace': {
        const collection = this.collection(change.db, change.c);
        const id = idOf(change.doc);
        const previous = collection?.docs.get(id);
        if (!collection || !previous) throw new StoreError('WriteConflict', 'The document changed while it was being updated; retry');
        collection.checkUnique(id, change.doc);
        if (keepHistory) {
          collection.history.record(id, previous, seq);
          undo.push(() => collection.history.unrecord(id));
        }
        collection.replace(id, previous, change.doc);
        undo.push(() => collection.replace(id, change.doc, previous));
        return;
      }
      case 'delete': {
        const collection = this.collection(change.db, change.c);
        const id = valueKey(change.id);
        const previous = collection?.docs.get(id);
        if (!collection || !previous) return;
        if (keepHistory) {
          collection.history.record(id, previous, seq);
          undo.push(() => collection.history.unrecord(id));
        }
        collection.remove(id, previous);
        undo.push(() => collection.insert(id, previous));
        return;
      }
      case 'createCollection': {
        if (this.collection(change.db, change.c)) throw new StoreError('NamespaceExists', `Collection ${change.db}.${change.c} already exists.`);
        this.ensureCollection(change.db, change.c, undo, change.options);
        return;
      }
      case 'dropCollection': {
        const collections = this.databases.get(change.db);
        const dropped = collections?.get(change.c);
        if (!collections || !dropped) return;
        collections.delete(change.c);
        undo.push(() => collections.set(change.c, dropped));
        return;
      }
      case 'createIndex': {
        const collection = this.ensureCollection(change.db, change.c, undo);
        if (collection.indexes.has(change.spec.name)) return;
        collection.addIndex(change.spec);
        undo.push(() => collection.dropIndex(change.spec.name));
        return;
      }
      case 'dropIndex': {
        const collection = this.collection(change.db, change.c);
        if (!collection) throw new StoreError('NamespaceNotFound', `ns not found ${change.db}.${change.c}`);
        const spec = collection.dropIndex(change.name);
        undo.push(() => collection.addIndex(spec));
        return;
      }
      case 'dropDatabase': {
        const dropped = this.databases.get(change.db);
        if (!dropped) return;
        this.databases.delete(change.db);
        undo.push(() => this.databases.set(change.db, dropped));
        return;
      }
    }
  }

  private ensureCollection(db: string, name: string, undo: UndoLog, options: Record<string, unknown> = {}): Collection {
    let collections = this.databases.get(db);
    if (!collections) {
      const created = new Map<string, Collection>();
      collections = created;
      this.databases.set(db, created);
      undo.push(() => {
        if (created.size === 0) this.databases.delete(db);
      });
    }
    let collection = collections.get(name);
    if (!collection) {
      const created = new Collection(db, name, options);
      collection = created;
      collections.set(name, created);
      const owner = collections;
      undo.push(() => owner.delete(name));
    }
    return collection;
  }
}
