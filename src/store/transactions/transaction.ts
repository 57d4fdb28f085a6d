import type { Change } from '../engine/changes.ts';
import { idOf } from '../engine/collection.ts';
import type { DataAccess } from '../engine/data-access.ts';
import type { StorageEngine } from '../engine/storage-engine.ts';
import { StoreError, writeConflict } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import { OwnDocuments } from './own-documents.ts';
import { TransactionCollection } from './transaction-collection.ts';
import { assertNoKeyCommittedSince } from './unique-key-check.ts';
import type { UniqueKeyClaims } from './unique-key-claims.ts';

export type TransactionState = 'active' | 'committed' | 'aborted';

/**
 * One multi-document transaction: reads see the data as of its first command (a snapshot)
 * plus its own writes (an overlay); nothing reaches the engine before commit. At commit, if
 * another commit changed any document it wrote since its snapshot, it fails with
 * WriteConflict (first committer wins) and the driver retries it; otherwise all its changes
 * apply atomically, as one journal record. Unique index entries it writes are claimed until it
 * ends, so a second open transaction writing the same key fails at once with WriteConflict.
 */
export class Transaction {
  state: TransactionState = 'active';
  readonly snapshot: number;
  lastUsed = Date.now();
  /** Changes in the order they were made, replayed by the engine at commit. */
  readonly changes: Change[] = [];
  /** Per namespace, the documents this transaction wrote (null: deleted). */
  readonly overlay = new Map<string, Map<string, Doc | null>>();
  /** Per namespace, the documents of the overlay that exist, indexed (unique checks look keys up there). */
  readonly ownDocuments = new Map<string, OwnDocuments>();

  /** The unique index entries this transaction added or removed, held until it ends. */
  private claimed: string[] = [];

  constructor(
    private readonly engine: StorageEngine,
    readonly txnNumber: number,
    readonly claims: UniqueKeyClaims,
  ) {
    this.snapshot = engine.openSnapshot();
  }

  access(): DataAccess {
    return {
      inTransaction: true,
      collection: (db, name) => new TransactionCollection(this.engine, this, db, name),
      collectionNames: (db) => this.engine.collections(db).map((collection) => collection.name),
      commitBatch: () => {
        throw new StoreError('OperationNotSupportedInTransaction', 'This operation cannot be used in a transaction on the embedded store');
      },
    };
  }

  overlayOf(ns: string): Map<string, Doc | null> {
    let docs = this.overlay.get(ns);
    if (!docs) {
      docs = new Map();
      this.overlay.set(ns, docs);
    }
    return docs;
  }

  /** Applies the changes; returns the journal position to wait on. Throws WriteConflict or DuplicateKey (and aborts). */
  commit(): number {
    this.assertActive();
    try {
      for (const [ns, docs] of this.overlay) {
        const [db, ...rest] = ns.split('.');
        const collection = this.engine.collection(db, rest.join('.'));
        if (!collection) continue;
        for (const id of docs.keys()) if (collection.history.changedSince(id, this.snapshot)) throw writeConflict();
        assertNoKeyCommittedSince(collection, docs, this.snapshot);
      }
      const position = this.engine.commit(this.changes);
      this.finish('committed');
      return position;
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  abort(): void {
    if (this.state === 'active') this.finish('aborted');
  }

  assertActive(): void {
    if (this.state === 'aborted') {
      throw new StoreError('NoSuchTransaction', `Transaction ${this.txnNumber} has been aborted.`, { labels: ['TransientTransactionError'] });
    }
    if (this.state === 'committed') throw new StoreError('IllegalOperation', `Transaction ${this.txnNumber} has been committed.`);
  }

  /** Records a write made inside the transaction, and claims the unique index entries it touched. */
  record(change: Change, ns: string, doc: Doc, entries: readonly string[], deleted = false): void {
    const id = idOf(doc);
    this.overlayOf(ns).set(id, deleted ? null : doc);
    let own = this.ownDocuments.get(ns);
    if (!own) {
      own = new OwnDocuments();
      this.ownDocuments.set(ns, own);
    }
    own.set(id, deleted ? null : doc);
    this.changes.push(change);
    for (const entry of this.claims.claim(this, entries)) this.claimed.push(entry);
  }

  private finish(state: TransactionState): void {
    this.state = state;
    this.engine.closeSnapshot(this.snapshot);
    this.overlay.clear();
    this.ownDocuments.clear();
    this.claims.release(this, this.claimed);
    this.claimed = [];
  }
}
