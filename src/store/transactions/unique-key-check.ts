import type { Collection } from '../engine/collection.ts';
import { duplicateKeyError } from '../engine/duplicate-key.ts';
import type { IndexKey } from '../engine/index-spec.ts';
import type { SecondaryIndex } from '../engine/secondary-index.ts';
import { writeConflict } from '../errors.ts';
import type { Doc } from '../values/documents.ts';
import type { OwnDocuments } from './own-documents.ts';
import { uniqueEntry, type UniqueKeyClaims } from './unique-key-claims.ts';

/** What a transaction's write is checked against. */
export interface UniqueCheckView {
  readonly ns: string;
  /** The collection's committed state (its indexes hold the latest committed keys). */
  readonly committed: Collection | undefined;
  /** The transaction's own writes in this collection. */
  readonly own: ReadonlyMap<string, Doc | null> | undefined;
  /** The same writes, deleted ones left out, indexed: who among them holds a key is one lookup. */
  readonly ownDocuments: OwnDocuments | undefined;
  /** The version of a document this transaction sees. */
  resolve(id: string): Doc | undefined;
  readonly owner: object;
  readonly claims: UniqueKeyClaims;
}

/**
 * Checks one write of a transaction against the unique indexes (`_id` included), as mongod
 * would: a key this transaction sees held by another document is a DuplicateKey; a key another
 * open transaction touched, or one committed since this transaction's snapshot, is a
 * WriteConflict (the driver retries, and the retry then sees the committed key, if any, as a
 * plain DuplicateKey). `previous` is null for an insert, `doc` null for a delete. Returns the
 * entries the write adds or removes, for the transaction to claim once the write is recorded.
 */
export function checkUniqueWrite(view: UniqueCheckView, id: string, idValue: unknown, previous: Doc | null, doc: Doc | null): string[] {
  const entries: string[] = [];
  if (!previous || !doc) {
    const entry = uniqueEntry(view.ns, '_id_', id);
    view.claims.assertFree(view.owner, entry);
    if (doc && view.resolve(id)) throw duplicateKeyError(view.ns, '_id_', { _id: 1 }, [idValue]);
    // Inserted by a commit this transaction does not see: it would clash at commit.
    if (doc && !view.own?.has(id) && view.committed?.docs.has(id)) throw writeConflict();
    entries.push(entry);
  }
  for (const index of view.committed?.indexes.values() ?? []) {
    if (!index.isUnique) continue;
    const before = previous ? index.keyer.keysOf(previous) : [];
    const after = doc ? index.keyer.keysOf(doc) : [];
    for (const key of after) {
      if (before.some((old) => old.text === key.text)) continue;
      const entry = uniqueEntry(view.ns, index.name, key.text);
      view.claims.assertFree(view.owner, entry);
      checkNewKey(view, index, id, key);
      entries.push(entry);
    }
    for (const key of before) {
      if (after.some((kept) => kept.text === key.text)) continue;
      const entry = uniqueEntry(view.ns, index.name, key.text);
      view.claims.assertFree(view.owner, entry);
      entries.push(entry);
    }
  }
  return entries;
}

/**
 * A key the write adds: nobody this transaction sees may hold it, and nobody may have committed
 * it since. Those who might hold it are the committed holders and the transaction's own
 * documents holding it, both found by one lookup, so the check costs the same at the first
 * write of a transaction as at the twenty-thousandth.
 */
function checkNewKey(view: UniqueCheckView, index: SecondaryIndex, id: string, key: IndexKey): void {
  let isCommittedSince = false;
  for (const otherId of index.idsForKey(key.text)) {
    if (otherId === id) continue;
    const visible = view.resolve(otherId);
    if (visible && holdsKey(index, visible, key.text)) throw duplicateKeyError(view.ns, index.name, index.spec.key, key.values);
    // Held in the committed data, but not in the version this transaction sees.
    if (!view.own?.has(otherId)) isCommittedSince = true;
  }
  // The transaction's own documents are what it sees of them: any holder but this one is a duplicate.
  for (const otherId of view.ownDocuments?.idsForKey(index, key.text) ?? []) {
    if (otherId !== id) throw duplicateKeyError(view.ns, index.name, index.spec.key, key.values);
  }
  if (isCommittedSince) throw writeConflict();
}

function holdsKey(index: SecondaryIndex, doc: Doc, text: string): boolean {
  return index.keyer.keysOf(doc).some((key) => key.text === text);
}

/**
 * At commit, the safety net: a key this transaction writes that a document committed since
 * its snapshot now holds would fail the commit as a duplicate; it is a WriteConflict instead
 * (first committer wins), so the driver retries rather than report a duplicate key nobody
 * could see when writing. Documents the transaction writes itself are checked by the caller.
 */
export function assertNoKeyCommittedSince(collection: Collection, own: ReadonlyMap<string, Doc | null>, snapshot: number): void {
  for (const [id, doc] of own) {
    if (!doc) continue;
    for (const index of collection.indexes.values()) {
      if (!index.isUnique) continue;
      for (const key of index.keyer.keysOf(doc)) {
        for (const holder of index.idsForKey(key.text)) {
          if (holder !== id && !own.has(holder) && collection.history.changedSince(holder, snapshot)) throw writeConflict();
        }
      }
    }
  }
}
