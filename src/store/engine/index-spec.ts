import { StoreError } from '../errors.ts';
import { isPlainObject, valuesAtPath, type Doc } from '../values/documents.ts';
import { tupleKey, valueKey } from '../values/value-keys.ts';
import { compileFilter, type Filter } from './filter.ts';

/** An index as `listIndexes` reports it (`v`, `key`, `name` and the options it was built with). */
export interface IndexSpec extends Doc {
  v: number;
  key: Record<string, number>;
  name: string;
}

/** One key of one document in one index: the values of the indexed fields, and their Map key. */
export interface IndexKey {
  values: unknown[];
  text: string;
}

const SUPPORTED_OPTIONS = new Set(['v', 'key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'background', 'ns']);

/**
 * Checks a `createIndexes` entry and returns it as stored. Text, geo and hashed indexes, and
 * collations, are refused by name rather than built as something they are not.
 */
export function normaliseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new StoreError('FailedToParse', 'An index specification must have a non-empty "key" object');
  }
  for (const [field, direction] of Object.entries(raw.key)) {
    if (direction !== 1 && direction !== -1) {
      throw new StoreError('CannotCreateIndex', `Index type ${JSON.stringify(direction)} on field '${field}' is not supported by the embedded store (only 1 and -1)`);
    }
  }
  for (const option of Object.keys(raw)) {
    if (!SUPPORTED_OPTIONS.has(option)) {
      throw new StoreError('InvalidOptions', `Index option '${option}' is not supported by the embedded store`);
    }
  }
  const key = raw.key as Record<string, number>;
  const name = typeof raw.name === 'string' && raw.name ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { v: 2, key: { ...key }, name };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (isPlainObject(raw.partialFilterExpression)) spec.partialFilterExpression = raw.partialFilterExpression;
  if (typeof raw.expireAfterSeconds === 'number') spec.expireAfterSeconds = raw.expireAfterSeconds;
  return spec;
}

export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key).map(([field, direction]) => `${field}_${String(direction)}`).join('_');
}

/** Computes the keys a document contributes to an index (several when a field holds an array). */
export class IndexKeyer {
  readonly fields: string[];
  private readonly partial: Filter | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
  }

  /** The keys of the last document asked about: a write asks twice (unique check, then add). */
  private last: { doc: Doc; keys: IndexKey[] } | undefined;

  keysOf(doc: Doc): IndexKey[] {
    if (this.last?.doc !== doc) this.last = { doc, keys: this.computeKeys(doc) };
    return this.last.keys;
  }

  private computeKeys(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const simple = this.simpleKey(doc);
    if (simple) return [simple];
    const perField = this.fields.map((field) => explode(valuesAtPath(doc, field)));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    const arrays = perField.filter((values) => values.length > 1);
    if (arrays.length > 1) {
      throw new StoreError('CannotIndexParallelArrays', `cannot index parallel arrays in index ${this.spec.name}`);
    }
    let tuples: unknown[][] = [[]];
    for (const values of perField) {
      tuples = tuples.flatMap((tuple) => values.map((value) => [...tuple, value === undefined ? null : value]));
    }
    const seen = new Map<string, IndexKey>();
    for (const values of tuples) {
      const text = tupleKey(values);
      if (!seen.has(text)) seen.set(text, { values, text });
    }
    return [...seen.values()];
  }

  /** The common case, without the general machinery: one top-level field holding a scalar. */
  private simpleKey(doc: Doc): IndexKey | undefined {
    if (this.fields.length !== 1 || this.fields[0].includes('.')) return undefined;
    const value = doc[this.fields[0]];
    if (value === undefined || Array.isArray(value) || isPlainObject(value)) return undefined;
    return { values: [value], text: valueKey(value) };
  }
}

/** An array contributes each element (an empty one counts as missing), like a multikey index. */
function explode(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      else out.push(...value);
    } else {
      out.push(value);
    }
  }
  return out.length > 0 ? out : [undefined];
}
