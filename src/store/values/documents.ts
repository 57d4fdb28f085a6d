import { deserialize, serialize, type DeserializeOptions } from 'bson';

/** A BSON document as the store holds it in memory. */
export type Doc = Record<string, unknown>;

/**
 * How every incoming document is decoded. Int32/Double become JS numbers and Longs that fit in
 * 53 bits become numbers too: mingo compares a `Long` with a number by its string, so keeping
 * them as objects would make `{ n: { $gt: 9 } }` miss `Long(10)`.
 */
export const DECODE_OPTIONS: DeserializeOptions = Object.freeze({
  promoteLongs: true,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
});

export function decodeDocument(bytes: Uint8Array): Doc {
  return deserialize(bytes, DECODE_OPTIONS) as Doc;
}

export function encodeDocument(doc: Doc): Uint8Array {
  return serialize(doc);
}

/** BSON class instances (ObjectId, Binary, Long...) are immutable values: shared, never copied. */
export function isBsonValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { _bsontype?: unknown })._bsontype === 'string';
}

export function isPlainObject(value: unknown): value is Doc {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy that shares BSON values. Stored documents are frozen, so anything that edits
 * (mingo's update operators, aggregation stages) must work on a copy.
 */
export function cloneDocument<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Doc = {};
    for (const key of Object.keys(value)) copy[key] = cloneDocument(value[key]);
    return copy as T;
  }
  return value;
}

/**
 * Freezes a stored document and everything it holds. Snapshots, cursors, the journal compactor
 * and open transactions share these objects by reference; a stray in-place edit would corrupt
 * them all, so it must fail loudly instead.
 */
export function freezeDocument<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) freezeDocument(item);
    Object.freeze(value);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) freezeDocument(value[key]);
    Object.freeze(value);
  }
  return value;
}

/** Reads a dotted path the way an index does: arrays along the way yield every element's value. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  collect(doc, parts, 0, out);
  return out;
}

function collect(value: unknown, parts: string[], at: number, out: unknown[]): void {
  if (at === parts.length) {
    out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    const part = parts[at];
    if (/^\d+$/.test(part) && Number(part) < value.length) {
      collect(value[Number(part)], parts, at + 1, out);
      return;
    }
    for (const item of value) if (isPlainObject(item)) collect(item, parts, at, out);
    return;
  }
  if (isPlainObject(value) && Object.hasOwn(value, parts[at])) {
    collect(value[parts[at]], parts, at + 1, out);
    return;
  }
  out.push(undefined);
}

/** Sets a dotted path on a plain object, creating the objects along the way. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {};
    target = target[part] as Doc;
  }
  target[parts[parts.length - 1]] = value;
}

/** Puts `_id` first, as mongod stores it. */
export function withIdFirst(doc: Doc): Doc {
  const keys = Object.keys(doc);
  if (keys[0] === '_id' || !Object.hasOwn(doc, '_id')) return doc;
  const ordered: Doc = { _id: doc._id };
  for (const key of keys) if (key !== '_id') ordered[key] = doc[key];
  return ordered;
}
