import { isPlainObject, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { typeRank } from '../values/value-order.ts';
import type { RangeBound, SecondaryIndex } from './secondary-index.ts';

/** What the filter says about one field, as far as an index can serve it. */
interface FieldPredicate {
  path: string;
  equals?: unknown[];
  lower?: RangeBound;
  upper?: RangeBound;
}

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
  for (const predicate of predicates) {
    for (const index of collection.indexes.values()) {
      if (!canServe(index, predicate)) continue;
      const ids = lookup(index, predicate);
      if (!ids) continue;
      if (predicate.equals && index.isUnique && index.keyer.fields.length === 1) return ids;
      if (!best || ids.length < best.length) best = ids;
    }
  }
  return best;
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
