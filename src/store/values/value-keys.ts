import { isPlainObject } from './documents.ts';

type Tagged = { _bsontype: string } & Record<string, unknown>;

/**
 * A string that is equal for two values exactly when MongoDB deems them equal (1, 1.0 and
 * Long(1) are one key; "1" is another). It keys the `_id` map and the index entries, so a
 * lookup is one Map access instead of a comparison with every document.
 */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${Object.is(value, -0) ? 0 : value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'undefined':
      return 'z';
    case 'bigint':
      return numberKey(value.toString());
  }
  if (value === null) return 'z';
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `a${JSON.stringify(value.map(valueKey))}`;
  if (isPlainObject(value)) return `x${JSON.stringify(Object.keys(value).map((k) => [k, valueKey(value[k])]))}`;
  return bsonValueKey(value as Tagged);
}

/** bson 7 keeps an ObjectId as four 24-bit integers; `id` builds its 12 bytes on demand. */
interface ObjectIdLike {
  id: Uint8Array;
  i0?: number;
  i1?: number;
  i2?: number;
  i3?: number;
}

/**
 * 'o' and the 12 raw bytes as one flat 13-character string: a hex string (25 characters,
 * built by concatenation) costs about 200 bytes per document in the `_id` map. Read from the
 * integers when present, to spare a 12-byte allocation per key (start-up builds 100k of them).
 */
function objectIdKey(oid: ObjectIdLike): string {
  const { i0, i1, i2, i3 } = oid;
  if (typeof i0 === 'number' && typeof i1 === 'number' && typeof i2 === 'number' && typeof i3 === 'number') {
    return String.fromCharCode(111, i0 >>> 16, (i0 >>> 8) & 255, i0 & 255, i1 >>> 16, (i1 >>> 8) & 255, i1 & 255, i2 >>> 16, (i2 >>> 8) & 255, i2 & 255, i3 >>> 16, (i3 >>> 8) & 255, i3 & 255);
  }
  const b = oid.id;
  return String.fromCharCode(111, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]);
}

function numberKey(text: string): string {
  const n = Number(text);
  return Number.isSafeInteger(n) || !Number.isInteger(n) ? `n${n}` : `n${text}`;
}

function bsonValueKey(value: Tagged): string {
  switch (value._bsontype) {
    case 'ObjectId':
      return objectIdKey(value as unknown as ObjectIdLike);
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return numberKey(String(value));
    case 'Timestamp':
      return `t${String(value)}`;
    case 'Binary': {
      const binary = value as unknown as { sub_type: number; toString(encoding: 'base64'): string };
      return `B${binary.sub_type}:${binary.toString('base64')}`;
    }
    case 'BSONSymbol':
      return `s${String(value.value)}`;
    case 'MinKey':
      return 'm';
    case 'MaxKey':
      return 'M';
    case 'BSONRegExp':
      return `r${String(value.pattern)}/${String(value.options)}`;
    case 'Code':
      return `c${String(value.code)}`;
    default:
      return `?${value._bsontype}:${JSON.stringify(value)}`;
  }
}

/** Key of a compound index entry: one component per indexed field. */
export function tupleKey(values: unknown[]): string {
  return values.length === 1 ? valueKey(values[0]) : JSON.stringify(values.map(valueKey));
}
