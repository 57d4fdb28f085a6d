/** Incoming parts of one engagement and set of modules from which they are merged: a computation reads every one. */
export const INCOMING_PARTS_BEFORE_MERGE = 8;

/**
 * Which of an engagement's incoming parts to merge into one. Results are written a few seconds'
 * worth at a time, so an engagement collects many small parts. Walking from the largest, a part at
 * least as large as all smaller ones together is left as it is, and the rest are merged: parts then
 * at least double in size from one to the next (a few dozen at most), and each result is rewritten
 * a few times in all, instead of at every merge as rewriting everything would.
 */
export function partsToMerge<Part extends { entryCount: number }>(parts: readonly Part[]): Part[] {
  if (parts.length < INCOMING_PARTS_BEFORE_MERGE) return [];
  const bySize = [...parts].sort((a, b) => b.entryCount - a.entryCount);
  let smaller = bySize.reduce((sum, part) => sum + part.entryCount, 0);
  let first = 0;
  for (; first < bySize.length; first += 1) {
    smaller -= bySize[first].entryCount;
    if (bySize[first].entryCount < smaller) break;
  }
  const merging = bySize.slice(first);
  return merging.length >= 2 ? merging : [];
}
