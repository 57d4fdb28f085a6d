import { calculateObjectSize, Long } from 'bson';
import { StoreError } from '../errors.ts';
import type { Doc } from '../values/documents.ts';

/** mongod's default first batch, and its cap on one reply's documents (16 MiB). */
export const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  position: number;
  lastUsed: number;
}

export interface Batch {
  docs: Doc[];
  /** 0 once the results are exhausted, as the driver expects. */
  id: Long;
}

/**
 * Results beyond the first batch, held for `getMore`. A query's results are computed once, at
 * `find`/`aggregate` time; a cursor is a position in them. Cursors left idle for ten minutes
 * are dropped, like mongod's.
 */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private nextId = BigInt(Math.floor(Math.random() * 2 ** 40)) + 1n;
  private readonly reaper: NodeJS.Timeout;

  constructor() {
    this.reaper = setInterval(() => this.reapIdle(Date.now()), 60_000);
    this.reaper.unref();
  }

  /** The first batch of `docs`; the rest stays behind a cursor unless `singleBatch`. */
  open(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Batch {
    const first = takeBatch(docs, 0, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || first.length >= docs.length) return { docs: first, id: Long.ZERO };
    const id = this.nextId++;
    this.cursors.set(id.toString(), { ns, docs, position: first.length, lastUsed: Date.now() });
    return { docs: first, id: Long.fromBigInt(id) };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined): Batch {
    const key = id.toString();
    const cursor = this.cursors.get(key);
    if (!cursor) throw new StoreError('CursorNotFound', `cursor id ${key} not found`);
    if (cursor.ns !== ns) throw new StoreError('BadValue', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    const docs = takeBatch(cursor.docs, cursor.position, batchSize ?? Number.MAX_SAFE_INTEGER);
    cursor.position += docs.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.docs.length) {
      this.cursors.delete(key);
      return { docs, id: Long.ZERO };
    }
    return { docs, id };
  }

  kill(ids: Long[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.cursors.delete(id.toString()) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  close(): void {
    clearInterval(this.reaper);
    this.cursors.clear();
  }

  private reapIdle(now: number): void {
    for (const [key, cursor] of this.cursors) if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(key);
  }
}

/** Up to `limit` documents from `from`, within the reply size cap; a lone document is not sized (single-document reads are the common case). */
function takeBatch(docs: Doc[], from: number, limit: number): Doc[] {
  const batch: Doc[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && batch.length < limit; i++) {
    if (batch.length > 0) {
      if (batch.length === 1) bytes = calculateObjectSize(batch[0]);
      bytes += calculateObjectSize(docs[i]);
      if (bytes > MAX_BATCH_BYTES) break;
    }
    batch.push(docs[i]);
  }
  return batch;
}
