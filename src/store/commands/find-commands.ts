import { Long } from 'bson';
import { findMatching } from '../engine/data-access.ts';
import { compileFilter, shapeResults } from '../engine/filter.ts';
import { StoreError } from '../errors.ts';
import { valuesAtPath, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { collectionArg, docArg, numberArg, refuseCollation, refuseOptions, type CommandContext, type CommandHandler } from './command-context.ts';

const find: CommandHandler = (context) => {
  const { body } = context;
  refuseOptions(body, 'find', ['tailable', 'awaitData', 'min', 'max', 'returnKey', 'showRecordId']);
  refuseCollation(body, 'find');
  const name = collectionArg(context);
  const collection = context.data.collection(context.db, name);
  const filter = compileFilter(docArg(body, 'filter', 'find'));
  checkHint(context, body.hint);
  const rawLimit = numberArg(body, 'limit', 'find') ?? 0;
  const skip = numberArg(body, 'skip', 'find') ?? 0;
  if (skip < 0) throw new StoreError('BadValue', 'skip value must be non-negative');
  const sort = docArg(body, 'sort', 'find');
  const matches = findMatching(collection, filter);
  const docs = shapeResults(matches, {
    filter: filter.raw,
    sort,
    skip,
    limit: Math.abs(rawLimit),
    projection: docArg(body, 'projection', 'find'),
  });
  const isSingleBatch = body.singleBatch === true || rawLimit < 0;
  const batch = context.services.cursors.open(collection.ns, docs, numberArg(body, 'batchSize', 'find'), isSingleBatch);
  return { cursor: { firstBatch: batch.docs, id: batch.id, ns: collection.ns }, ok: 1 };
};

const getMore: CommandHandler = (context) => {
  const id = context.body.getMore;
  if (!Long.isLong(id) && typeof id !== 'number') throw new StoreError('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const collection = context.body.collection;
  if (typeof collection !== 'string') throw new StoreError('TypeMismatch', "BSON field 'getMore.collection' is missing or is not a string");
  const ns = `${context.db}.${collection}`;
  const batch = context.services.cursors.getMore(Long.isLong(id) ? id : Long.fromNumber(id), ns, numberArg(context.body, 'batchSize', 'getMore'));
  return { cursor: { nextBatch: batch.docs, id: batch.id, ns }, ok: 1 };
};

const killCursors: CommandHandler = (context) => {
  const ids = (Array.isArray(context.body.cursors) ? context.body.cursors : []).map((id: unknown) => (Long.isLong(id) ? id : Long.fromNumber(Number(id))));
  const { killed, notFound } = context.services.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (context) => {
  const { body } = context;
  refuseCollation(body, 'count');
  const collection = context.data.collection(context.db, collectionArg(context));
  checkHint(context, body.hint);
  const filter = compileFilter(docArg(body, 'query', 'count'), 'query');
  const total = findMatching(collection, filter).length;
  const skip = Math.max(0, numberArg(body, 'skip', 'count') ?? 0);
  const limit = Math.abs(numberArg(body, 'limit', 'count') ?? 0);
  const n = Math.max(0, total - skip);
  return { n: limit > 0 ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: CommandHandler = (context) => {
  const { body } = context;
  refuseCollation(body, 'distinct');
  const key = body.key;
  if (typeof key !== 'string') throw new StoreError('TypeMismatch', "BSON field 'distinct.key' is missing or is not a string");
  const collection = context.data.collection(context.db, collectionArg(context));
  const filter = compileFilter(docArg(body, 'query', 'distinct'), 'query');
  const values = distinctValues(findMatching(collection, filter), key);
  return { values, ok: 1 };
};

/** Each distinct value once (arrays count element by element), in first-seen order, like mongod. */
function distinctValues(docs: Doc[], path: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, path)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === undefined) continue;
        const key = valueKey(item);
        if (!seen.has(key)) seen.set(key, item);
      }
    }
  }
  return [...seen.values()];
}

/** A hint must name an existing index (by name or key pattern); the planner picks its own. */
function checkHint(context: CommandContext, hint: unknown): void {
  if (hint === undefined || hint === null) return;
  const name = collectionArg(context);
  const specs = context.data.collection(context.db, name).indexSpecs();
  if (specs.length === 0) return;
  const isKnown = specs.some((spec) => (typeof hint === 'string' ? spec.name === hint : JSON.stringify(spec.key) === JSON.stringify(hint)) || (typeof hint === 'object' && hint !== null && '$natural' in hint));
  if (!isKnown) throw new StoreError('BadValue', 'hint provided does not correspond to an existing index');
}

export const findCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct };
