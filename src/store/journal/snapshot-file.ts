import fs from 'node:fs';
import { serialize } from 'bson';
import type { Change } from '../engine/changes.ts';
import type { IndexSpec } from '../engine/index-spec.ts';
import type { StorageEngine } from '../engine/storage-engine.ts';
import { decodeDocument, freezeDocument, type Doc } from '../values/documents.ts';
import { frameRecord, scanRecords, SNAPSHOT_MAGIC } from './record-format.ts';

const DOCS_PER_RECORD = 1000;

/** The whole data at one commit number, captured by reference (documents are frozen, so this is cheap and stable). */
export interface CapturedState {
  seq: number;
  collections: Array<{ db: string; c: string; options: Doc; indexes: IndexSpec[]; docs: Doc[] }>;
}

export function captureState(engine: StorageEngine): CapturedState {
  return {
    seq: engine.seq,
    collections: engine.allCollections().map((collection) => ({
      db: collection.db,
      c: collection.name,
      options: collection.options,
      indexes: [...collection.indexes.values()].map((index) => index.spec),
      docs: [...collection.docs.values()],
    })),
  };
}

/**
 * Writes a snapshot: a header record with the catalog, documents in records of a thousand,
 * and an end record, so a snapshot missing its end is recognisably incomplete. The caller
 * writes to a temporary name and renames, so a snapshot file is either whole or absent.
 */
export async function writeSnapshot(path: string, state: CapturedState): Promise<number> {
  const handle = await fs.promises.open(path, 'w');
  let bytes = 0;
  const write = async (record: Doc) => {
    const framed = frameRecord(serialize(record));
    await handle.write(framed);
    bytes += framed.length;
  };
  try {
    await handle.write(SNAPSHOT_MAGIC);
    bytes += SNAPSHOT_MAGIC.length;
    await write({ seq: state.seq, catalog: state.collections.map(({ db, c, options, indexes }) => ({ db, c, options, indexes })) });
    for (const collection of state.collections) {
      for (let at = 0; at < collection.docs.length; at += DOCS_PER_RECORD) {
        await write({ db: collection.db, c: collection.c, docs: collection.docs.slice(at, at + DOCS_PER_RECORD) });
      }
    }
    await write({ end: true, seq: state.seq });
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

interface SnapshotHeader {
  seq: number;
  catalog: Array<{ db: string; c: string; options: Doc; indexes: IndexSpec[] }>;
}

/** A snapshot file read back: its records, and why it is incomplete if it is. */
export interface ReadSnapshot {
  records: Doc[];
  problem: string | undefined;
}

export function readSnapshot(contents: Buffer): ReadSnapshot {
  const scan = scanRecords(contents, SNAPSHOT_MAGIC);
  const records = scan.payloads.map((payload) => decodeDocument(payload));
  const isComplete = records.length > 0 && records[records.length - 1].end === true;
  return { records, problem: scan.problem ?? (isComplete ? undefined : 'no end record') };
}

/**
 * Loads a snapshot's records into an empty engine: collections, their documents, then their
 * indexes (built once over all documents). Returns the milliseconds spent building indexes.
 */
export function applySnapshot(snapshot: ReadSnapshot, engine: StorageEngine): number {
  const header = snapshot.records[0] as unknown as SnapshotHeader | undefined;
  if (!header || !Array.isArray(header.catalog)) return 0;
  const seq = header.seq;
  engine.replay(seq, header.catalog.map(({ db, c, options }): Change => ({ t: 'createCollection', db, c, options })));
  for (const record of snapshot.records.slice(1)) {
    if (!Array.isArray(record.docs)) continue;
    const db = String(record.db);
    const c = String(record.c);
    engine.replay(seq, (record.docs as Doc[]).map((doc): Change => ({ t: 'insert', db, c, doc: freezeDocument(doc) })));
  }
  const started = performance.now();
  for (const { db, c, indexes } of header.catalog) {
    engine.replay(seq, indexes.map((spec): Change => ({ t: 'createIndex', db, c, spec })));
  }
  return performance.now() - started;
}
