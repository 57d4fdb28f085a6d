import { Long, type Document } from 'mongodb';
import type { Connection } from 'mongoose';

const LARGE_BATCH = 100_000;

/** What `findAll` needs of a mongoose model: its connection and its collection's name. */
export interface ModelLike {
  db: Connection;
  collection: { collectionName: string };
}

/**
 * Every document `filter` matches, for listings that read a whole engagement at once, with the plain
 * `find` and `getMore` commands. The driver's cursor wraps each document in a lazy view before it
 * hands it over (about 10 µs and a pile of garbage per document); a command's reply is decoded in one
 * pass, which halved the time to list 40,000 task records (BENCHMARKS.md, "Shortlist"). Documents come
 * as stored: no mongoose casting, defaults or getters, so callers ask only for fields they map themselves.
 * The filter, too, goes out as written, without mongoose's `sanitizeFilter`: build it from values made
 * here (ObjectIds, constants), never from request values.
 */
export async function findAll<T extends Document>(model: ModelLike, filter: Document, options: { projection?: Document; sort?: Document; batchSize?: number } = {}): Promise<T[]> {
  const db = model.db.db;
  if (!db) throw new Error(`findAll(${model.collection.collectionName}): the database is not connected`);
  const collection = model.collection.collectionName;
  const { batchSize = LARGE_BATCH, ...shape } = options;
  let reply = await db.command({ find: collection, filter, ...shape, batchSize });
  const documents: T[] = reply.cursor.firstBatch;
  let cursorId = cursorIdOf(reply);
  try {
    while (!cursorId.isZero()) {
      reply = await db.command({ getMore: cursorId, collection, batchSize });
      for (const document of reply.cursor.nextBatch as T[]) documents.push(document);
      cursorId = cursorIdOf(reply);
    }
  } catch (error) {
    // A listing that failed half-way must not leave its cursor open on the server until it times out.
    await db.command({ killCursors: collection, cursors: [cursorId] }).catch(() => undefined);
    throw error;
  }
  return documents;
}

/** The driver turns a cursor id that fits a double into a number; `getMore` must send it back as a Long. */
function cursorIdOf(reply: Document): Long {
  const id: unknown = reply.cursor.id;
  return Long.isLong(id) ? id : Long.fromNumber(Number(id));
}
