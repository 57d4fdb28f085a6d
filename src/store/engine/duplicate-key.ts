import { StoreError } from '../errors.ts';
import { isPlainObject, type Doc } from '../values/documents.ts';

/**
 * mongod's duplicate key error, to the letter: drivers and mongoose parse `code`, `keyPattern`
 * and `keyValue`, and people read the message, e.g.
 * `E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@b.c" }`.
 */
export function duplicateKeyError(ns: string, indexName: string, keyPattern: Record<string, number>, values: unknown[]): StoreError {
  const keyValue: Doc = {};
  Object.keys(keyPattern).forEach((field, i) => {
    keyValue[field] = values[i] ?? null;
  });
  return new StoreError('DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${formatShell(keyValue)}`, {
    details: { keyPattern: { ...keyPattern }, keyValue },
  });
}

/** Formats a value the way mongod prints it in messages (its shell notation). */
export function formatShell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(formatShell).join(', ')} ]`;
  if (isPlainObject(value)) {
    const fields = Object.keys(value).map((key) => `${key}: ${formatShell(value[key])}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  const tagged = value as { _bsontype?: string; toHexString?: () => string };
  switch (tagged._bsontype) {
    case 'ObjectId':
      return `ObjectId('${tagged.toHexString!()}')`;
    case 'Long':
      return `${String(value)}`;
    case 'Decimal128':
      return `NumberDecimal("${String(value)}")`;
    case 'Binary':
      return `BinData(${(value as { sub_type: number }).sub_type}, ${(value as { toString(e: string): string }).toString('hex').toUpperCase()})`;
    default:
      return String(value);
  }
}
