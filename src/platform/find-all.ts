import { Long, type Document } from 'mongodb';
import { mongo, type Collection, type Connection } from 'mongoose';

const LARGE_BATCH = 100_000;

/** What `findAll` needs of a mongoose model: its connection and its collection. */
export interface ModelLike {
  db: Connection;
  collection: Collection;
}

/**
 * Every document `filter` matches, for listings that read a whole engagement at once. The driver's
 * cursor wraps each document in a lazy view before it hands it over (about 10 µs and a pile of
 * garbage per document), so a listing that fits in one reply (16 MB: 40,000 task records take about
 * 6) is read with a single `find` command, whose reply is decoded in one pass. That halved the time
 * to list 40,000 task records (BENCHMARKS.md, "Shortlist"). A listing that does not fit is read again
 * through the driver's cursor, which keeps its `getMore`s on the cursor's own session and server
 * (a mongod refuses them from another session; another mongos does not know the cursor).
 *
 * The one-reply read goes to the primary (a secondary could miss what was just submitted, and its
 * cursor could not be closed there), and is a plain command, which the driver never retries: when it
 * fails as the driver would retry a read, it is made again through the cursor, which the driver retries.
 *
 * Documents come as stored: no mongoose casting, defaults or getters, so callers ask only for fields
 * they map themselves. The filter, too, goes out as written, without mongoose's `sanitizeFilter`:
 * build it from values made here (ObjectIds, constants), never from request values.
 */
export async function findAll<T extends Document>(model: ModelLike, filter: Document, options: { projection?: Document; sort?: Document; batchSize?: number } = {}): Promise<T[]> {
  const db = model.db.db;
  if (!db) throw new Error(`findAll(${model.collection.collectionName}): the database is not connected`);
  const { batchSize = LARGE_BATCH, ...shape } = options;
  const readThroughCursor = async () => (await model.collection.find(filter, { ...shape, batchSize }).toArray()) as unknown as T[];
  let reply: Document;
  try {
    reply = await db.command({ find: model.collection.collectionName, filter, ...shape, batchSize });
  } catch (error) {
    if (!isRetryableRead(error)) throw error;
    return readThroughCursor();
  }
  const cursorId: unknown = reply.cursor.id;
  if (Long.isLong(cursorId) ? cursorId.isZero() : cursorId === 0) return reply.cursor.firstBatch as T[];
  // Left open by the one-reply read: closed here, or (on another mongos) by the server's idle timeout.
  await db.command({ killCursors: model.collection.collectionName, cursors: [cursorId] }).catch(() => undefined);
  return readThroughCursor();
}

// The server's codes for a read worth making again, as the driver's retryable reads list them: host
// unreachable or not found, network timeout, shutdown in progress, primary stepped down, socket error,
// not primary (four codes), interrupted at shutdown or by a replica-set change, time limit exceeded,
// majority read concern not yet available.
const RETRYABLE_READ_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436, 262, 134]);

/** A dropped connection or a replica set changing hands: what the driver retries on its own reads. */
function isRetryableRead(error: unknown): boolean {
  if (error instanceof mongo.MongoNetworkError) return true;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' && RETRYABLE_READ_CODES.has(code);
}
