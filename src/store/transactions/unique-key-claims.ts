import { writeConflict } from '../errors.ts';

/** The name of one entry of one unique index (`_id_` included) of one collection. */
export function uniqueEntry(ns: string, indexName: string, keyText: string): string {
  return `${ns}\u0000${indexName}\u0000${keyText}`;
}

/**
 * Unique index entries that open transactions have added or removed but not yet committed,
 * with the transaction holding each. On mongod a second transaction touching such an entry
 * meets the first one's uncommitted write and fails at once with a retryable WriteConflict;
 * without this, two transactions could insert the same key and the loser would only hear of
 * it at commit, as a plain (non-retryable) duplicate key.
 */
export class UniqueKeyClaims {
  private readonly holders = new Map<string, object>();

  /** Throws WriteConflict (TransientTransactionError) when another transaction holds the entry. */
  assertFree(owner: object, entry: string): void {
    const holder = this.holders.get(entry);
    if (holder !== undefined && holder !== owner) throw writeConflict();
  }

  /** Records entries for `owner`, which must have checked them with `assertFree`; returns the new ones. */
  claim(owner: object, entries: readonly string[]): string[] {
    const added: string[] = [];
    for (const entry of entries) {
      if (this.holders.get(entry) === owner) continue;
      this.holders.set(entry, owner);
      added.push(entry);
    }
    return added;
  }

  /** Gives back what `owner` held (its transaction committed or aborted). */
  release(owner: object, entries: readonly string[]): void {
    for (const entry of entries) if (this.holders.get(entry) === owner) this.holders.delete(entry);
  }

  get size(): number {
    return this.holders.size;
  }
}
