import { isPlainObject } from './documents.ts';

/**
 * MongoDB's cross-type order: MinKey < null < numbers < strings < objects < arrays < binary
 * < ObjectId < booleans < dates < timestamps < regular expressions < MaxKey.
 * Index ranges are scanned in this order, and a `$gt: 5` only ever matches numbers.
 */
export function typeRank(value: unknown): number {
  switch (typeof value) {
    case 'undefined':
      return 2;
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
  }
  if (value === null) return 2;
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  if (Array.isArray(value)) return 6;
  if (isPlainObject(value)) return 5;
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

/** Compares two values in MongoDB's order (negative, zero or positive). */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 3:
      return Math.sign(toNumber(a) - toNumber(b));
    case 4:
      return compareStrings(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7:
      return compareBinary(a, b);
    case 8:
      return compareStrings(String(a), String(b));
    case 9:
      return Number(a) - Number(b);
    case 10:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 11:
      return (a as { compare(other: unknown): number }).compare(b);
    case 12:
      return compareStrings(String(a), String(b));
    default:
      return 0;
  }
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const byType = typeRank(a[keysA[i]]) - typeRank(b[keysB[i]]);
    if (byType !== 0) return byType;
    const byName = compareStrings(keysA[i], keysB[i]);
    if (byName !== 0) return byName;
    const byValue = compareValues(a[keysA[i]], b[keysB[i]]);
    if (byValue !== 0) return byValue;
  }
  return keysA.length - keysB.length;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareBinary(a: unknown, b: unknown): number {
  const left = a as { sub_type: number; buffer: Uint8Array };
  const right = b as { sub_type: number; buffer: Uint8Array };
  if (left.buffer.length !== right.buffer.length) return left.buffer.length - right.buffer.length;
  if (left.sub_type !== right.sub_type) return left.sub_type - right.sub_type;
  return Buffer.compare(Buffer.from(left.buffer), Buffer.from(right.buffer));
}
