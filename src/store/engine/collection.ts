import { UUID } from 'bson';
import { StoreError } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { duplicateKeyError } from './duplicate-key.ts';
import type { IndexSpec } from './index-spec.ts';
import { SecondaryIndex } from './secondary-index.ts';
import { VersionHistory } from './version-history.ts';

export const ID_INDEX: IndexSpec = Object.freeze({ v: 2, key: Object.freeze({ _id: 1 }), name: '_id_' }) as IndexSpec;

/** The key of a document in its collection's `_id` map. */
export function idOf(doc: Doc): string {
  return valueKey(doc._id);
}

/**
 * One collection: documents by `_id` (a Map, so `_id` lookups are O(1) and a scan runs in
 * insertion order) and its secondary indexes. Documents are frozen; every change swaps the
 * whole document. The checks (`check*`) are separate from the changes so that an atomic
 * commit can refuse before touching anything it cannot undo.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, SecondaryIndex>();
  readonly history = new VersionHistory();
  readonly uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((index) => index.spec)];
  }

  checkInsert(id: string, doc: Doc): void {
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, [doc._id]);
    this.checkUnique(id, doc);
  }

  checkUnique(id: string, doc: Doc): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(doc, id);
      if (conflict) throw duplicateKeyError(this.ns, index.name, index.spec.key, conflict.values);
    }
  }

  insert(id: string, doc: Doc): void {
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(id, doc);
  }

  replace(id: string, previous: Doc, doc: Doc): void {
    for (const index of this.indexes.values()) {
      index.remove(id, previous);
      index.add(id, doc);
    }
    this.docs.set(id, doc);
  }

  remove(id: string, previous: Doc): void {
    for (const index of this.indexes.values()) index.remove(id, previous);
    this.docs.delete(id);
  }

  /** Builds an index over the current documents; refuses, changing nothing, on a duplicate. */
  addIndex(spec: IndexSpec): void {
    const index = new SecondaryIndex(spec, this.docs);
    for (const [id, doc] of this.docs) {
      if (index.isUnique) {
        const conflict = index.findConflict(doc, id);
        if (conflict) throw duplicateKeyError(this.ns, spec.name, spec.key, conflict.values);
      }
      index.add(id, doc);
    }
    this.indexes.set(spec.name, index);
  }

  dropIndex(name: string): IndexSpec {
    const index = this.indexes.get(name);
    if (!index) throw new StoreError('IndexNotFound', `index not found with name [${name}]`);
    this.indexes.delete(name);
    return index.spec;
  }
}
