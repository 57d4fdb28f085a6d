import type { Doc } from '../values/documents.ts';
import { compareValues } from '../values/value-order.ts';

/**
 * The sorts applications send most, `{ createdAt: 1, _id: 1 }` on top-level fields, applied with
 * the store's own BSON order instead of mingo's, which cost more than finding the documents (a
 * 6,000-person roster: 90-300 ms). Like mongod, an array sorts by its least element ascending and
 * its greatest descending (mingo got descending wrong). Returns null for anything else (dotted
 * paths, `$meta`, `$natural`, directions other than 1 / -1), and `apply` returns null when a sort
 * field holds an empty array (mongod's rule there is subtler): the caller then uses mingo.
 */
export interface SimpleSort {
  apply(docs: readonly Doc[]): Doc[] | null;
}

/** A field's value stands for an array that holds nothing (see `apply`). */
const EMPTY = Symbol('empty array');

export function simpleSort(sort: Doc): SimpleSort | null {
  const keys: Array<[field: string, direction: number]> = [];
  for (const [field, direction] of Object.entries(sort)) {
    if (field.includes('.') || field.startsWith('$') || (direction !== 1 && direction !== -1)) return null;
    keys.push([field, direction]);
  }
  if (keys.length === 0) return null;
  return {
    apply(docs) {
      // Each document's sort values worked out once, then the documents ordered by them (a copy:
      // the candidates may be an array the caller keeps; the sort is stable, so ties keep their order).
      const rows: Array<{ doc: Doc; values: unknown[] }> = [];
      for (const doc of docs) {
        const values = keys.map(([field, direction]) => sortValue(doc[field], direction));
        if (values.includes(EMPTY)) return null;
        rows.push({ doc, values });
      }
      rows.sort((a, b) => {
        for (let i = 0; i < keys.length; i += 1) {
          const order = compareValues(a.values[i], b.values[i]);
          if (order !== 0) return order * keys[i][1];
        }
        return 0;
      });
      return rows.map((row) => row.doc);
    },
  };
}

/** What a value sorts as: itself, or an array's least (ascending) or greatest (descending) element. */
function sortValue(value: unknown, direction: number): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return EMPTY;
  return value.reduce((best, item) => (compareValues(item, best) * direction < 0 ? item : best));
}
