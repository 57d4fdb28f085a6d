import type { Logger } from 'pino';
import { valuesAtPath, type Doc } from '../values/documents.ts';
import type { Change } from './changes.ts';
import type { StorageEngine } from './storage-engine.ts';

const SWEEP_EVERY_MS = 60_000;

/**
 * Deletes documents whose TTL index date has passed, once a minute like mongod's monitor.
 * A document whose field holds several dates expires with the earliest; one without a date
 * never does.
 */
export function startTtlMonitor(engine: StorageEngine, logger: Logger): () => void {
  const timer = setInterval(() => {
    try {
      sweepExpired(engine, Date.now());
    } catch (error) {
      logger.error({ err: error }, 'TTL sweep failed');
    }
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function sweepExpired(engine: StorageEngine, now: number): number {
  let removed = 0;
  for (const collection of engine.allCollections()) {
    for (const index of collection.indexes.values()) {
      const seconds = index.spec.expireAfterSeconds;
      if (typeof seconds !== 'number' || index.keyer.fields.length !== 1) continue;
      const expired: Change[] = [];
      for (const doc of collection.docs.values()) {
        if (isExpired(doc, index.keyer.fields[0], seconds, now)) expired.push({ t: 'delete', db: collection.db, c: collection.name, id: doc._id });
      }
      if (expired.length > 0) {
        engine.commit(expired);
        removed += expired.length;
      }
    }
  }
  return removed;
}

function isExpired(doc: Doc, field: string, seconds: number, now: number): boolean {
  const dates = valuesAtPath(doc, field)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is Date => value instanceof Date);
  if (dates.length === 0) return false;
  const earliest = Math.min(...dates.map((date) => date.getTime()));
  return earliest + seconds * 1000 <= now;
}
