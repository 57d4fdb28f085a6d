import { Long, type Document } from 'mongodb';
import type { Collection, Connection } from 'mongoose';

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
 * The one-reply read follows the connection's read preference, and when it fails it is made again
 * through the cursor, which the driver retries as it retries any read.
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
    // A command does not take the connection's read preference by itself, as the driver's find does.
    reply = await db.command({ find: model.collection.collectionName, filter, ...shape, batchSize }, { readPreference: db.readPreference });
  } catch {
    // Nor does the driver retry a command, as it retries a read (a primary stepping down, a dropped
    // connection): the cursor reads again, once, and throws what is the read's own error.
    return readThroughCursor();
  }
  const cursorId: unknown = reply.cursor.id;
  if (Long.isLong(cursorId) ? cursorId.isZero() : cursorId === 0) return reply.cursor.firstBatch as T[];
  // Left open by the one-reply read: closed here, or (on another mongos) by the server's idle timeout.
  await db.command({ killCursors: model.collection.collectionName, cursors: [cursorId] }).catch(() => undefined);
  return readThroughCursor();
}
