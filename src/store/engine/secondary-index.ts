import type { Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { compareValues, typeRank } from '../values/value-order.ts';
import { IndexKeyer, type IndexKey, type IndexSpec } from './index-spec.ts';

/** Documents holding one key: one id string for the common unique case, a Set once two share it. */
type Holders = string | Set<string>;

/** A distinct key in the sorted view used by range scans. */
interface SortedKey {
  values: unknown[];
  text: string;
}

/** A bound of a range scan on the first indexed field. */
export interface RangeBound {
  value: unknown;
  inclusive: boolean;
}

/**
 * A secondary index: a Map from key to document ids for equality and uniqueness, plus a
 * sorted array of the distinct keys for ranges, built the first time a range asks for it
 * and kept in order from then on (so indexes only ever used for equality cost nothing more).
 * The Map holds only key strings and ids (about 70 bytes a document); the key values for
 * the sorted view are recomputed from the documents when it is first built.
 */
export class SecondaryIndex {
  readonly keyer: IndexKeyer;
  /** True once one document gave several keys; ranges then use one bound only (see rangeIds). */
  isMultikey = false;
  private readonly entries = new Map<string, Holders>();
  private sorted: SortedKey[] | null = null;

  /** @param docs the collection's documents by id, read when the sorted view is first built */
  constructor(
    readonly spec: IndexSpec,
    private readonly docs: ReadonlyMap<string, Doc>,
  ) {
    this.keyer = new IndexKeyer(spec);
  }

  get name(): string {
    return this.spec.name;
  }

  get isUnique(): boolean {
    return this.spec.unique === true;
  }

  get firstField(): string {
    return this.keyer.fields[0];
  }

  /** The first key of `doc` already held by another document, if this index is unique. */
  findConflict(doc: Doc, ownId: string): IndexKey | undefined {
    if (!this.isUnique) return undefined;
    for (const key of this.keyer.keysOf(doc)) {
      const holders = this.entries.get(key.text);
      if (holders && (typeof holders === 'string' ? holders !== ownId : [...holders].some((id) => id !== ownId))) return key;
    }
    return undefined;
  }

  add(id: string, doc: Doc): void {
    const keys = this.keyer.keysOf(doc);
    if (keys.length > 1) this.isMultikey = true;
    for (const key of keys) {
      const holders = this.entries.get(key.text);
      if (holders === undefined) {
        this.entries.set(key.text, id);
        if (this.sorted) this.sorted.splice(this.lowerBound(key.values, true), 0, { values: key.values, text: key.text });
      } else if (typeof holders === 'string') {
        if (holders !== id) this.entries.set(key.text, new Set([holders, id]));
      } else {
        holders.add(id);
      }
    }
  }

  remove(id: string, doc: Doc): void {
    for (const key of this.keyer.keysOf(doc)) {
      const holders = this.entries.get(key.text);
      if (holders === undefined) continue;
      if (typeof holders === 'string') {
        if (holders === id) this.drop(key);
      } else {
        holders.delete(id);
        if (holders.size === 1) this.entries.set(key.text, holders.values().next().value as string);
      }
    }
  }

  /** Ids of the documents holding exactly this key. */
  idsForKey(text: string): string[] {
    return idsOf(this.entries.get(text));
  }

  /** Ids whose first indexed field equals `value` (a scalar). */
  equalIds(value: unknown): string[] {
    if (this.keyer.fields.length === 1) return idsOf(this.entries.get(valueKey(value)));
    return this.rangeIds({ value, inclusive: true }, { value, inclusive: true });
  }

  /**
   * Ids whose first field lies within the bounds; both bounds are of one BSON type, so the
   * scan stays inside that type, as mongod's type bracketing does. On a multikey index
   * `{ $gt: 1, $lt: 3 }` may be met by two different elements, so only the lower bound is
   * used and the query matcher applies the rest.
   */
  rangeIds(lower: RangeBound | undefined, upper: RangeBound | undefined): string[] {
    const sorted = this.ensureSorted();
    const rank = typeRank((lower ?? upper)!.value);
    if (this.isMultikey && lower) upper = undefined;
    let at = lower ? this.lowerBound([lower.value], lower.inclusive) : this.firstOfRank(rank);
    const ids: string[] = [];
    for (; at < sorted.length; at++) {
      const first = sorted[at].values[0];
      if (typeRank(first) !== rank) break;
      if (upper) {
        const order = compareValues(first, upper.value);
        if (order > 0 || (order === 0 && !upper.inclusive)) break;
      }
      ids.push(...idsOf(this.entries.get(sorted[at].text)));
    }
    return ids;
  }

  private drop(key: SortedKey): void {
    this.entries.delete(key.text);
    if (!this.sorted) return;
    for (let i = this.lowerBound(key.values, true); i < this.sorted.length; i++) {
      if (this.sorted[i].text === key.text) {
        this.sorted.splice(i, 1);
        return;
      }
    }
  }

  private ensureSorted(): SortedKey[] {
    if (!this.sorted) {
      const keys: SortedKey[] = [];
      for (const [text, holders] of this.entries) {
        const doc = this.docs.get(typeof holders === 'string' ? holders : (holders.values().next().value as string));
        const key = doc && this.keyer.keysOf(doc).find((candidate) => candidate.text === text);
        if (key) keys.push(key);
      }
      this.sorted = keys.sort((a, b) => compareTuples(a.values, b.values));
    }
    return this.sorted;
  }

  /** First position whose key is >= `values` (or > when not inclusive), comparing a prefix. */
  private lowerBound(values: unknown[], inclusive: boolean): number {
    const sorted = this.ensureSorted();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = compareTuples(sorted[mid].values.slice(0, values.length), values);
      if (order < 0 || (order === 0 && !inclusive)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private firstOfRank(rank: number): number {
    const sorted = this.ensureSorted();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (typeRank(sorted[mid].values[0]) < rank) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function idsOf(holders: Holders | undefined): string[] {
  if (holders === undefined) return [];
  return typeof holders === 'string' ? [holders] : [...holders];
}

function compareTuples(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
