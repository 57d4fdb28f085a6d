import type { Doc } from '../values/documents.ts';
import { valueKey } from '../values/value-keys.ts';
import { compareValues, typeRank } from '../values/value-order.ts';
import { IndexKeyer, type IndexKey, type IndexSpec } from './index-spec.ts';

interface Entry {
  values: unknown[];
  text: string;
  /** One id string for the common unique case; a Set once two documents share the key. */
  ids: string | Set<string>;
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
 */
export class SecondaryIndex {
  readonly keyer: IndexKeyer;
  /** True once one document gave several keys; ranges then use one bound only (see rangeIds). */
  isMultikey = false;
  private readonly entries = new Map<string, Entry>();
  private sorted: Entry[] | null = null;

  constructor(readonly spec: IndexSpec) {
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
      const entry = this.entries.get(key.text);
      if (entry && (typeof entry.ids === 'string' ? entry.ids !== ownId : [...entry.ids].some((id) => id !== ownId))) return key;
    }
    return undefined;
  }

  add(id: string, doc: Doc): void {
    const keys = this.keyer.keysOf(doc);
    if (keys.length > 1) this.isMultikey = true;
    for (const key of keys) {
      const entry = this.entries.get(key.text);
      if (!entry) {
        const created: Entry = { values: key.values, text: key.text, ids: id };
        this.entries.set(key.text, created);
        if (this.sorted) this.sorted.splice(this.lowerBound(created.values, true), 0, created);
      } else if (typeof entry.ids === 'string') {
        if (entry.ids !== id) entry.ids = new Set([entry.ids, id]);
      } else {
        entry.ids.add(id);
      }
    }
  }

  remove(id: string, doc: Doc): void {
    for (const key of this.keyer.keysOf(doc)) {
      const entry = this.entries.get(key.text);
      if (!entry) continue;
      if (typeof entry.ids === 'string') {
        if (entry.ids === id) this.drop(entry);
      } else {
        entry.ids.delete(id);
        if (entry.ids.size === 1) entry.ids = entry.ids.values().next().value as string;
      }
    }
  }

  /** Ids of the documents holding exactly this key. */
  idsForKey(text: string): string[] {
    const entry = this.entries.get(text);
    return entry ? idsOf(entry) : [];
  }

  /** Ids whose first indexed field equals `value` (a scalar). */
  equalIds(value: unknown): string[] {
    if (this.keyer.fields.length === 1) {
      const entry = this.entries.get(valueKey(value));
      return entry ? idsOf(entry) : [];
    }
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
      ids.push(...idsOf(sorted[at]));
    }
    return ids;
  }

  private drop(entry: Entry): void {
    this.entries.delete(entry.text);
    if (!this.sorted) return;
    const at = this.lowerBound(entry.values, true);
    for (let i = at; i < this.sorted.length; i++) {
      if (this.sorted[i] === entry) {
        this.sorted.splice(i, 1);
        return;
      }
    }
  }

  private ensureSorted(): Entry[] {
    if (!this.sorted) this.sorted = [...this.entries.values()].sort((a, b) => compareTuples(a.values, b.values));
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

function idsOf(entry: Entry): string[] {
  return typeof entry.ids === 'string' ? [entry.ids] : [...entry.ids];
}

function compareTuples(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
