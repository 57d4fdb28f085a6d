import type { Query } from 'mingo';
import type { Options } from 'mingo/types';
import { fromQueryEngineError, StoreError } from '../errors.ts';
import { cloneDocument, isPlainObject, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { mingo } from './query-engine.ts';
import { simpleProjection } from './simple-projection.ts';
import { simpleSort } from './simple-sort.ts';

/**
 * mingo with mongod's defaults for a server: no server-side JavaScript ($where, $function,
 * $accumulator are refused, as on a hardened mongod) and strict MongoDB semantics.
 */
export const MINGO_OPTIONS: Partial<Options> = Object.freeze({ idKey: '_id', scriptEnabled: false, useStrictMode: true });

/** A compiled query filter. `raw` is kept for the index planner. */
export interface Filter {
  readonly raw: Doc;
  readonly isEmpty: boolean;
  test(doc: Doc): boolean;
}

const MATCH_ALL: Filter = Object.freeze({ raw: {}, isEmpty: true, test: () => true });

const UNSUPPORTED_QUERY_OPERATORS = ['$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$where'];

export function compileFilter(raw: unknown, field = 'filter'): Filter {
  if (raw === undefined || raw === null) return MATCH_ALL;
  if (!isPlainObject(raw)) throw new StoreError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'object'`);
  if (Object.keys(raw).length === 0) return MATCH_ALL;
  const conditions = simpleConditions(raw);
  if (conditions) return new SimpleFilter(raw, conditions);
  refuseUnsupported(raw);
  try {
    return new QueryFilter(raw, new (mingo().Query)(raw, MINGO_OPTIONS));
  } catch (error) {
    throw fromQueryEngineError(error);
  }
}

/* Classes rather than closures: a closure built per query costs a `name` definition on every call under tsx. */

/** A top-level field's condition: equal to one of these equality keys, or (a boolean) `$exists`. */
type SimpleCondition = [field: string, wanted: ReadonlySet<string> | boolean];

class SimpleFilter implements Filter {
  readonly isEmpty = false;

  constructor(
    readonly raw: Doc,
    private readonly conditions: SimpleCondition[],
  ) {}

  test(doc: Doc): boolean {
    for (const [field, wanted] of this.conditions) {
      const value = doc[field];
      if (typeof wanted === 'boolean' ? (value !== undefined) !== wanted : !holdsValue(value, wanted)) return false;
    }
    return true;
  }
}

class QueryFilter implements Filter {
  readonly isEmpty = false;

  constructor(
    readonly raw: Doc,
    private readonly query: Query,
  ) {}

  test(doc: Doc): boolean {
    try {
      return this.query.test(doc);
    } catch (error) {
      throw fromQueryEngineError(error);
    }
  }
}

/**
 * The most frequent filters (`findById`, `{ engagementId, email, erasedAt: { $exists: false } }`,
 * `{ personId: { $in: [...] } }`) are top-level fields equal to a string, number, boolean, date or
 * ObjectId, or to one of a list of them, or present or absent. For those, matching is looking up
 * equality keys in a set (an array field matches when one element does), without compiling a mingo
 * query, whose `$in` compares a document with every listed value in turn: 700 ids against 5,000
 * documents took most of a second. Returns undefined for anything else.
 */
function simpleConditions(filter: Doc): SimpleCondition[] | undefined {
  const conditions: SimpleCondition[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    const wanted = isSimpleScalar(value) ? new Set([valueKey(value)]) : simpleOperator(value);
    if (wanted === undefined) return undefined;
    conditions.push([field, wanted]);
  }
  return conditions;
}

/**
 * `{ $in: [...] }` of simple scalars (no null, array or regex), as its equality keys, or
 * `{ $exists: true | false | 1 | 0 }`, as a boolean, when that is the whole condition.
 */
function simpleOperator(condition: unknown): ReadonlySet<string> | boolean | undefined {
  if (!isPlainObject(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  const operand = condition[keys[0]];
  if (keys[0] === '$exists') return typeof operand === 'boolean' || typeof operand === 'number' ? Boolean(operand) : undefined;
  if (keys[0] !== '$in' || !Array.isArray(operand) || operand.length === 0 || !operand.every(isSimpleScalar)) return undefined;
  return new Set(operand.map(valueKey));
}

function isSimpleScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(value);
    case 'object':
      return value instanceof Date || (value as { _bsontype?: string } | null)?._bsontype === 'ObjectId';
    default:
      return false;
  }
}

function holdsValue(value: unknown, wanted: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => !Array.isArray(item) && wanted.has(valueKey(item)));
  return value !== undefined && wanted.has(valueKey(value));
}

function refuseUnsupported(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) refuseUnsupported(item);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (UNSUPPORTED_QUERY_OPERATORS.includes(key)) {
      throw new StoreError('BadValue', `${key} is not supported by the embedded store`);
    }
    refuseUnsupported(value[key]);
  }
}

/** Runs an aggregation pipeline with mingo; the input documents must be copies (stages edit in place). */
export function runPipeline(docs: Doc[], pipeline: Doc[], options: Partial<Options> = {}): Doc[] {
  try {
    return new (mingo().Aggregator)(pipeline, { ...MINGO_OPTIONS, ...options }).run(docs) as Doc[];
  } catch (error) {
    throw fromQueryEngineError(error);
  }
}

type ShapeSpec = { sort?: Doc; skip?: number; limit?: number; projection?: Doc; filter: Doc };

/** find's sort, skip, limit and projection over documents that already match. */
export function shapeResults(docs: Doc[], spec: ShapeSpec): Doc[] {
  if (!hasKeys(spec.projection) && !hasKeys(spec.sort) && !spec.skip) return spec.limit ? docs.slice(0, spec.limit) : docs;
  const projection = hasKeys(spec.projection) ? simpleProjection(spec.projection) : null;
  if (hasKeys(spec.projection) && !projection) return shapeWithMingo(docs, spec);
  const sorted = hasKeys(spec.sort) ? (simpleSort(spec.sort)?.apply(docs) ?? shapeWithMingo(docs, { filter: spec.filter, sort: spec.sort })) : docs;
  const start = spec.skip ?? 0;
  const page = spec.limit ? sorted.slice(start, start + spec.limit) : start ? sorted.slice(start) : sorted;
  return projection ? page.map((doc) => projection.apply(doc) ?? shapeWithMingo([doc], { filter: spec.filter, projection: spec.projection })[0]) : page;
}

function shapeWithMingo(docs: Doc[], spec: ShapeSpec): Doc[] {
  if (hasKeys(spec.projection) && projectionEditsInPlace(spec.projection)) docs = docs.map(cloneDocument);
  try {
    const { Query } = mingo();
    let cursor = new Query({}, MINGO_OPTIONS).find(docs, hasKeys(spec.projection) ? spec.projection : undefined);
    if (hasKeys(spec.projection) && needsQueryForProjection(spec.projection)) {
      cursor = new Query(spec.filter, MINGO_OPTIONS).find(docs, spec.projection);
    }
    if (hasKeys(spec.sort)) cursor = cursor.sort(spec.sort as Record<string, 1 | -1>);
    if (spec.skip) cursor = cursor.skip(spec.skip);
    if (spec.limit) cursor = cursor.limit(spec.limit);
    return cursor.all() as Doc[];
  } catch (error) {
    throw fromQueryEngineError(error);
  }
}

/**
 * mingo projects a nested exclusion (`a.b: 0`) or an array operator (`$slice`, `$elemMatch`) by
 * editing a shallow copy, that is, the stored document's inner objects. Those are frozen, and
 * mingo's CommonJS build is not in strict mode, so the edit would be silently lost: such
 * projections get copies.
 */
function projectionEditsInPlace(projection: Doc): boolean {
  return Object.entries(projection).some(([path, value]) => path.includes('.') || (typeof value === 'object' && value !== null));
}

function hasKeys(value: Doc | undefined): value is Doc {
  return value !== undefined && Object.keys(value).length > 0;
}

/** The positional projection `field.$` needs the query to know which element matched. */
function needsQueryForProjection(projection: Doc): boolean {
  return Object.keys(projection).some((key) => key.endsWith('.$'));
}
