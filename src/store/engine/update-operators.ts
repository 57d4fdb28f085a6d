import { fromQueryEngineError, StoreError } from '../errors.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { MINGO_OPTIONS } from './filter.ts';
import { mingo, mingoUpdateOperators } from './query-engine.ts';

type OperatorFactory = (expr: Doc, arrayFilters?: Doc[]) => (doc: Doc) => string[];
const operatorFunctions = () => mingoUpdateOperators() as unknown as Record<string, OperatorFactory | undefined>;

/**
 * Applies update operators (`$set`, `$inc`, `$push`...) to `doc`, a mutable copy, with mingo's
 * operator functions; returns whether anything changed.
 *
 * mingo's `update()` rebuilds its operator registry on every call (about 200 µs a document),
 * so each operator is called directly instead, and the checks `update()` would make across
 * operators (two operators on one path, `_id` changing) are made here. Only the positional
 * `$`, which needs the filter, goes through `update()`.
 */
export function applyModifier(doc: Doc, modifier: Doc, arrayFilters: Doc[] | undefined, filter: Doc): boolean {
  const operators = withoutUnchangedId(doc, modifier);
  checkPaths(operators);
  try {
    if (usesPositional(operators)) {
      return mingo().update(doc, operators as never, arrayFilters, filter, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS }).length > 0;
    }
    let isChanged = false;
    for (const [name, fields] of Object.entries(operators)) {
      if (Object.keys(fields as Doc).length === 0) continue;
      if (operatorFunctions()[name]!(fields as Doc, arrayFilters)(doc).length > 0) isChanged = true;
    }
    return isChanged;
  } catch (error) {
    throw fromQueryEngineError(error);
  }
}

/** Setting `_id` to the value it already has is allowed (mongoose does it); changing it is not. */
function withoutUnchangedId(doc: Doc, modifier: Doc): Doc {
  const $set = modifier.$set;
  if (!isPlainObject($set) || !Object.hasOwn($set, '_id')) return modifier;
  const { _id, ...rest } = $set;
  if (doc._id === undefined) {
    doc._id = _id;
  } else if (valueKey(_id) !== valueKey(doc._id)) {
    throw new StoreError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { ...modifier, $set: rest };
}

/** Refuses unknown operators, non-object operands, and two operators on one path (or a path inside another). */
function checkPaths(modifier: Doc): void {
  const paths: string[] = [];
  for (const [name, fields] of Object.entries(modifier)) {
    if (!operatorFunctions()[name]) {
      throw new StoreError('FailedToParse', `Unknown modifier: ${name}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(fields)) {
      throw new StoreError('FailedToParse', `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead.`);
    }
    paths.push(...Object.keys(fields).map(stripPositional));
    if (name === '$rename') paths.push(...Object.values(fields).map(String));
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = paths[i].length <= paths[j].length ? [paths[i], paths[j]] : [paths[j], paths[i]];
      if (a === b || b.startsWith(`${a}.`)) {
        throw new StoreError('ConflictingUpdateOperators', `Updating the path '${paths[j]}' would create a conflict at '${a}'`);
      }
    }
  }
}

/** `a.$[x].b` and `a.$.b` conflict with `a` as paths, so compare them without the array markers. */
function stripPositional(path: string): string {
  return path
    .split('.')
    .filter((part) => !part.startsWith('$'))
    .join('.');
}

function usesPositional(modifier: Doc): boolean {
  return Object.values(modifier).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')));
}
