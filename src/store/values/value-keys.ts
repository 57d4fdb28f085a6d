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

/**
 * 'o' and the 12 raw bytes as one flat 13-character string: a hex string (25 characters,
 * built by concatenation) costs about 200 bytes per document in the `_id` map.
 */
function objectIdKey(b: Uint8Array): string {
  return String.fromCharCode(111, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]);
}

function numberKey(text: string): string {
  const n = Number(text);
  return Number.isSafeInteger(n) || !Number.isInteger(n) ? `n${n}` : `n${text}`;
}

function bsonValueKey(value: Tagged): string {
  switch (value._bsontype) {
    case 'ObjectId':
      return objectIdKey((value as unknown as { id: Uint8Array }).id);
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
