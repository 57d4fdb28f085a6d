import { ObjectId } from 'bson';
import { fromQueryEngineError, StoreError } from '../errors.ts';
import { cloneDocument, freezeDocument, isPlainObject, setPath, withIdFirst, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { MINGO_OPTIONS } from './filter.ts';
import { mingo } from './query-engine.ts';
import { applyModifier } from './update-operators.ts';

/** The `u` of an update statement with what it needs to run. */
export interface UpdateSpec {
  u: unknown;
  arrayFilters?: Doc[];
  /** The statement's filter: the positional `$` operator refers to it. */
  filter: Doc;
}

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

export function classifyUpdate(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw new StoreError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return 'replacement';
  if (operators.length !== keys.length) {
    const field = keys.find((key) => !key.startsWith('$'));
    throw new StoreError('FailedToParse', `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  return 'operators';
}

/**
 * Applies an update to a copy of `doc` (stored documents are frozen; mingo edits in place).
 * Returns the new frozen document and whether anything changed.
 */
export function applyUpdate(doc: Doc, spec: UpdateSpec, isInsert = false): { doc: Doc; isModified: boolean } {
  const kind = classifyUpdate(spec.u);
  let next: Doc;
  let isModified: boolean;
  if (kind === 'replacement') {
    next = withIdFirst({ ...(doc._id === undefined ? {} : { _id: doc._id }), ...cloneDocument(spec.u as Doc) });
    isModified = valueKey(next) !== valueKey(doc);
  } else if (kind === 'pipeline') {
    const holder = [cloneDocument(doc)];
    try {
      isModified = mingo().updateOne(holder, {}, spec.u as never, {}, MINGO_OPTIONS).modifiedCount > 0;
    } catch (error) {
      throw fromQueryEngineError(error);
    }
    next = holder[0];
  } else {
    next = cloneDocument(doc);
    isModified = applyModifier(next, operatorsFor(spec.u as Doc, isInsert), spec.arrayFilters, isInsert ? {} : spec.filter);
  }
  if (doc._id !== undefined && valueKey(next._id) !== valueKey(doc._id)) {
    throw new StoreError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { doc: freezeDocument(next), isModified };
}

/**
 * mingo has no `$setOnInsert`: it is a `$set` when the upsert inserts and nothing otherwise.
 * A field set by both is refused, as mongod does.
 */
function operatorsFor(u: Doc, isInsert: boolean): Doc {
  const { $setOnInsert, ...rest } = u;
  if (!isInsert || !isPlainObject($setOnInsert)) return rest;
  const $set = isPlainObject(rest.$set) ? rest.$set : {};
  for (const path of Object.keys($setOnInsert)) {
    if (Object.hasOwn($set, path)) {
      throw new StoreError('ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${path}'`);
    }
  }
  return { ...rest, $set: { ...$set, ...$setOnInsert } };
}

/**
 * The document an upsert inserts: the filter's equality fields (`{ a: 1 }`, `{ a: { $eq: 1 } }`,
 * inside `$and` too), then the update applied to it, then a fresh ObjectId if it has no `_id`.
 */
export function buildUpsertDocument(spec: UpdateSpec): Doc {
  const kind = classifyUpdate(spec.u);
  const seed: Doc = {};
  collectEqualities(spec.filter, seed);
  let doc: Doc;
  if (kind === 'replacement') {
    doc = cloneDocument(spec.u as Doc);
    if (doc._id === undefined && seed._id !== undefined) doc = { _id: seed._id, ...doc };
  } else {
    doc = applyUpdate(seed, spec, true).doc;
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
  return freezeDocument(withIdFirst(doc));
}

function collectEqualities(filter: Doc, seed: Doc): void {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) collectEqualities(part, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))) {
      if (Object.hasOwn(condition, '$eq')) setPath(seed, key, cloneDocument(condition.$eq));
      continue;
    }
    setPath(seed, key, cloneDocument(condition));
  }
}
