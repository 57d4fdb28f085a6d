import type { TaskMatchResult } from '../../matching/index.ts';

/** Where a computation looks up results it need not match again. */
export type CachedResults = Pick<ReadonlyMap<string, TaskMatchResult>, 'get' | 'has' | 'size'>;

/**
 * The stored cache and the results held in memory, looked up in turn without being copied into one
 * map: each can hold tens of thousands of entries, and copying and merging them cost a computation
 * 60–120 ms. Sources empty now are left out. `size` adds up the sources' sizes (a key in two counts
 * twice): it only says whether anything is cached.
 */
export function cachedUnion(...sources: ReadonlyArray<ReadonlyMap<string, TaskMatchResult>>): CachedResults {
  const filled = sources.filter((source) => source.size > 0);
  if (filled.length <= 1) return filled[0] ?? new Map();
  return {
    get: (key) => {
      for (const source of filled) {
        const result = source.get(key);
        if (result) return result;
      }
      return undefined;
    },
    has: (key) => filled.some((source) => source.has(key)),
    get size() {
      return filled.reduce((sum, source) => sum + source.size, 0);
    },
  };
}
