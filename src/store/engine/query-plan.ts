import { isPlainObject, type Doc } from '../values/documents.ts';
import { tupleKey, valueKey } from '../values/value-keys.ts';
import { typeRank } from '../values/value-order.ts';
import type { RangeBound, SecondaryIndex } from './secondary-index.ts';

/** What the filter says about one field, as far as an index can serve it. */
interface FieldPredicate {
  path: string;
  equals?: unknown[];
  lower?: RangeBound;
  upper?: RangeBound;
}

/** Most whole keys a compound lookup tries; beyond that the first field's plan is cheaper. */
const MAX_KEY_LOOKUPS = 1000;

/** Types an index can look up by value: numbers, strings, ObjectIds, booleans, dates, null. */
const INDEXABLE_RANKS = new Set([2, 3, 4, 8, 9, 10]);

/** What a plan needs of a set of documents: which ids it holds, and its secondary indexes. */
export interface Plannable {
  readonly docs: { has(id: string): boolean };
  readonly indexes: { values(): Iterable<SecondaryIndex> };
}

/**
 * Picks the documents a filter can possibly match, using `_id` or a secondary index; null
 * means "scan the collection". The result is a superset: the matcher still tests each one.
 */
export function planIds(collection: Plannable, filter: Doc): string[] | null {
  // The most frequent filter of all (findById, updates by _id), without collecting predicates.
  const id = filter._id;
  if (id !== undefined && isIndexable(id)) {
    const key = valueKey(id);
    return collection.docs.has(key) ? [key] : [];
  }
  const predicates = collectPredicates(filter, []);
  const byId = predicates.find((p) => p.path === '_id' && p.equals);
  if (byId) return byId.equals!.map(valueKey).filter((id) => collection.docs.has(id));
  let best: string[] | null = null;
  for (const index of collection.indexes.values()) {
    const ids = wholeKeyLookup(index, predicates);
    if (!ids) continue;
    if (index.isUnique) return ids;
    if (!best || ids.length < best.length) best = ids;
  }
  for (const predicate of predicates) {
    for (const index of collection.indexes.values()) {
      // Once whole keys gave a plan, walking a compound index's first field would cost more than it saves.
      if (best && index.keyer.fields.length > 1) continue;
      if (!canServe(index, predicate)) continue;
      const ids = lookup(index, predicate);
      if (!ids) continue;
      if (predicate.equals && index.isUnique && index.keyer.fields.length === 1) return ids;
      if (!best || ids.length < best.length) best = ids;
    }
  }
  return best;
}

/**
 * A compound index whose every field the filter sets equal to a value (or one of a few) is
 * looked up by whole keys: `{ engagementId, email }` among 6,000 people of one engagement is one
 * Map lookup instead of a walk over the engagement's keys (7 ms a query). Null is left to the
 * prefix plan (it also matches a missing field), and so are more combinations than are worth
 * looking up one by one.
 */
function wholeKeyLookup(index: SecondaryIndex, predicates: readonly FieldPredicate[]): string[] | null {
  const fields = index.keyer.fields;
  if (fields.length < 2 || index.spec.partialFilterExpression) return null;
  const lists: unknown[][] = [];
  let combinations = 1;
  for (const field of fields) {
    const equals = predicates.find((p) => p.path === field && p.equals)?.equals;
    if (!equals || equals.some((value) => value === null)) return null;
    combinations *= equals.length;
    lists.push(equals);
  }
  if (combinations > MAX_KEY_LOOKUPS) return null;
  let tuples: unknown[][] = [[]];
  for (const values of lists) tuples = tuples.flatMap((tuple) => values.map((value) => [...tuple, value]));
  const ids = new Set<string>();
  for (const tuple of tuples) for (const id of index.idsForKey(tupleKey(tuple))) ids.add(id);
  return [...ids];
}

function canServe(index: SecondaryIndex, predicate: FieldPredicate): boolean {
  if (index.firstField !== predicate.path || index.spec.partialFilterExpression) return false;
  const wantsNull = predicate.equals?.some((value) => value === null) ?? false;
  return !(wantsNull && index.spec.sparse);
}

function lookup(index: SecondaryIndex, predicate: FieldPredicate): string[] | null {
  if (predicate.equals) {
    if (predicate.equals.length === 1) return index.equalIds(predicate.equals[0]);
    return [...new Set(predicate.equals.flatMap((value) => index.equalIds(value)))];
  }
  if (predicate.lower || predicate.upper) {
    const ids = index.rangeIds(predicate.lower, predicate.upper);
    return index.isMultikey ? [...new Set(ids)] : ids;
  }
  return null;
}

function collectPredicates(filter: Doc, out: FieldPredicate[]): FieldPredicate[] {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectPredicates(part, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const predicate = toPredicate(key, condition);
    if (predicate) out.push(predicate);
  }
  return out;
}

function toPredicate(path: string, condition: unknown): FieldPredicate | undefined {
  if (isIndexable(condition)) return { path, equals: [condition] };
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.keys(condition);
  if (operators.length === 0 || !operators.every((op) => op.startsWith('$'))) return undefined;
  if ('$eq' in condition && isIndexable(condition.$eq)) return { path, equals: [condition.$eq] };
  const $in = condition.$in;
  if (Array.isArray($in) && $in.length > 0 && $in.every(isIndexable)) return { path, equals: $in };
  const predicate: FieldPredicate = { path };
  for (const [op, inclusive] of [['$gt', false], ['$gte', true]] as const) {
    if (op in condition && isRangeValue(condition[op])) predicate.lower = { value: condition[op], inclusive };
  }
  for (const [op, inclusive] of [['$lt', false], ['$lte', true]] as const) {
    if (op in condition && isRangeValue(condition[op])) predicate.upper = { value: condition[op], inclusive };
  }
  if (predicate.lower && predicate.upper && typeRank(predicate.lower.value) !== typeRank(predicate.upper.value)) {
    predicate.upper = undefined;
  }
  return predicate.lower || predicate.upper ? predicate : undefined;
}

function isIndexable(value: unknown): boolean {
  if (value === undefined || value instanceof RegExp) return false;
  return INDEXABLE_RANKS.has(typeRank(value));
}

function isRangeValue(value: unknown): boolean {
  return value !== null && isIndexable(value);
}
