import { idOf, type Collection } from '../engine/collection.ts';
import type { CollectionAccess } from '../engine/data-access.ts';
import { duplicateKeyError } from '../engine/duplicate-key.ts';
import type { IndexSpec } from '../engine/index-spec.ts';
import { planIds } from '../engine/query-plan.ts';
import type { StorageEngine } from '../engine/storage-engine.ts';
import type { Doc } from '../values/documents.ts';
import { writeConflict } from '../errors.ts';
import type { Transaction } from './transaction.ts';

/**
 * A collection as a transaction sees it: for each document, its own write if it made one,
 * else the version current at its snapshot (the engine keeps older versions while
 * transactions are open), else the committed one.
 */
export class TransactionCollection implements CollectionAccess {
  readonly ns: string;

  constructor(
    private readonly engine: StorageEngine,
    private readonly transaction: Transaction,
    readonly db: string,
    readonly name: string,
  ) {
    this.ns = `${db}.${name}`;
  }

  private get committed(): Collection | undefined {
    return this.engine.collection(this.db, this.name);
  }

  exists(): boolean {
    return this.committed !== undefined || (this.transaction.overlay.get(this.ns)?.size ?? 0) > 0;
  }

  indexSpecs(): IndexSpec[] {
    return this.committed?.indexSpecs() ?? [];
  }

  /** The visible version of a document, or undefined when there is none. */
  resolve(id: string): Doc | undefined {
    const own = this.transaction.overlay.get(this.ns);
    if (own?.has(id)) return own.get(id) ?? undefined;
    const collection = this.committed;
    if (!collection) return undefined;
    const old = collection.history.versionAt(id, this.transaction.snapshot);
    if (old) return old.doc ?? undefined;
    return collection.docs.get(id);
  }

  candidates(filter: Doc): Doc[] {
    this.transaction.assertActive();
    const ids = new Set<string>();
    const collection = this.committed;
    if (collection) {
      for (const id of planIds(collection, filter) ?? collection.docs.keys()) ids.add(id);
      for (const id of collection.history.ids()) ids.add(id);
    }
    for (const id of this.transaction.overlay.get(this.ns)?.keys() ?? []) ids.add(id);
    const docs: Doc[] = [];
    for (const id of ids) {
      const doc = this.resolve(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  insert(doc: Doc): void {
    this.transaction.assertActive();
    const id = idOf(doc);
    if (this.resolve(id)) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, [doc._id]);
    this.checkUnique(id, doc);
    this.transaction.record({ t: 'insert', db: this.db, c: this.name, doc }, this.ns, doc);
  }

  replace(_previous: Doc, doc: Doc): void {
    this.transaction.assertActive();
    const id = idOf(doc);
    this.checkNotChangedElsewhere(id);
    this.checkUnique(id, doc);
    this.transaction.record({ t: 'replace', db: this.db, c: this.name, doc }, this.ns, doc);
  }

  remove(doc: Doc): void {
    this.transaction.assertActive();
    this.checkNotChangedElsewhere(idOf(doc));
    this.transaction.record({ t: 'delete', db: this.db, c: this.name, id: doc._id }, this.ns, doc, true);
  }

  /** Like mongod, a write to a document someone committed since the snapshot fails at once. */
  private checkNotChangedElsewhere(id: string): void {
    if (this.committed?.history.changedSince(id, this.transaction.snapshot)) throw writeConflict();
  }

  /** Unique indexes, against what this transaction sees (the commit checks again against the committed data). */
  private checkUnique(id: string, doc: Doc): void {
    const collection = this.committed;
    if (!collection) return;
    const own = this.transaction.overlay.get(this.ns);
    for (const index of collection.indexes.values()) {
      if (!index.isUnique) continue;
      for (const key of index.keyer.keysOf(doc)) {
        const holders = new Set(index.idsForKey(key.text));
        for (const [otherId, other] of own ?? []) {
          if (other && index.keyer.keysOf(other).some((k) => k.text === key.text)) holders.add(otherId);
        }
        for (const otherId of holders) {
          if (otherId === id) continue;
          const other = this.resolve(otherId);
          if (other && index.keyer.keysOf(other).some((k) => k.text === key.text)) {
            throw duplicateKeyError(this.ns, index.name, index.spec.key, key.values);
          }
        }
      }
    }
  }
}
