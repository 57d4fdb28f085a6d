import type { Doc } from '../values/documents.ts';
import type { Change } from './changes.ts';
import type { Filter } from './filter.ts';
import type { IndexSpec } from './index-spec.ts';
import { planIds } from './query-plan.ts';
import type { StorageEngine } from './storage-engine.ts';

/**
 * One collection as a command sees it: the committed data for a plain command, or the
 * transaction's snapshot plus its own writes inside a transaction. Commands are written once
 * against this and behave the same in both.
 */
export interface CollectionAccess {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  exists(): boolean;
  /**
   * Documents the filter can match (a superset, narrowed by an index when one serves), in
   * natural order. A full scan iterates the collection itself rather than copying it: read it
   * before writing.
   */
  candidates(filter: Doc): Iterable<Doc>;
  indexSpecs(): IndexSpec[];
  /** Stores a new frozen document; throws a StoreError (duplicate key...) and changes nothing on failure. */
  insert(doc: Doc): void;
  replace(previous: Doc, doc: Doc): void;
  remove(doc: Doc): void;
}

export interface DataAccess {
  readonly inTransaction: boolean;
  collection(db: string, name: string): CollectionAccess;
  collectionNames(db: string): string[];
  /** Applies several changes as one atomic commit (`$out`, `$merge`). */
  commitBatch(changes: Change[]): void;
}

/** The documents of `access` matching `filter`. */
export function findMatching(access: CollectionAccess, filter: Filter): Doc[] {
  const matches: Doc[] = [];
  for (const doc of access.candidates(filter.raw)) if (filter.isEmpty || filter.test(doc)) matches.push(doc);
  return matches;
}

/** Every document of the collection, as an array. */
export function allDocuments(access: CollectionAccess): Doc[] {
  return Array.from(access.candidates({}));
}

/** Receives the journal position of each write, so the reply can wait for it to be durable. */
export interface CommitRecorder {
  recordCommit(position: number): void;
}

/** Committed data, each write its own atomic, journaled commit. */
export class DirectAccess implements DataAccess {
  readonly inTransaction = false;

  constructor(
    private readonly engine: StorageEngine,
    private readonly commits: CommitRecorder,
  ) {}

  collection(db: string, name: string): CollectionAccess {
    return new DirectCollection(this.engine, db, name, this);
  }

  collectionNames(db: string): string[] {
    return this.engine.collections(db).map((collection) => collection.name);
  }

  commitBatch(changes: Change[]): void {
    this.commits.recordCommit(this.engine.commit(changes));
  }
}

class DirectCollection implements CollectionAccess {
  readonly ns: string;

  constructor(
    private readonly engine: StorageEngine,
    readonly db: string,
    readonly name: string,
    private readonly access: DirectAccess,
  ) {
    this.ns = `${db}.${name}`;
  }

  exists(): boolean {
    return this.engine.collection(this.db, this.name) !== undefined;
  }

  candidates(filter: Doc): Iterable<Doc> {
    const collection = this.engine.collection(this.db, this.name);
    if (!collection) return [];
    const ids = planIds(collection, filter);
    if (ids === null) return collection.docs.values();
    const docs: Doc[] = [];
    for (const id of ids) {
      const doc = collection.docs.get(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }

  indexSpecs(): IndexSpec[] {
    return this.engine.collection(this.db, this.name)?.indexSpecs() ?? [];
  }

  insert(doc: Doc): void {
    this.access.commitBatch([{ t: 'insert', db: this.db, c: this.name, doc }]);
  }

  replace(_previous: Doc, doc: Doc): void {
    this.access.commitBatch([{ t: 'replace', db: this.db, c: this.name, doc }]);
  }

  remove(doc: Doc): void {
    this.access.commitBatch([{ t: 'delete', db: this.db, c: this.name, id: doc._id }]);
  }
}
