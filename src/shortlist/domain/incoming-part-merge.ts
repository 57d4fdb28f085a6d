/** Incoming parts (not yet full) of one engagement and set of modules from which they are merged: a computation reads every one. */
export const INCOMING_PARTS_BEFORE_MERGE = 8;

/**
 * Which of an engagement's incoming parts to merge into one. Results are written a second's worth at
 * a time, so an engagement collects many small parts. Full parts (`fullSize` results, the most a
 * part holds) are never merged again. Of the others, walking from the largest, a part at least as
 * large as all smaller ones together is left as it is, and the rest are merged: parts then at least
 * double in size from one to the next, and each result is rewritten about log₂ of the part size
 * times in all, instead of at every merge as rewriting everything would.
 */
export function partsToMerge<Part extends { entryCount: number }>(parts: readonly Part[], fullSize: number): Part[] {
  const open = parts.filter((part) => part.entryCount < fullSize);
  if (open.length < INCOMING_PARTS_BEFORE_MERGE) return [];
  const bySize = [...open].sort((a, b) => b.entryCount - a.entryCount);
  let smaller = bySize.reduce((sum, part) => sum + part.entryCount, 0);
  let first = 0;
  for (; first < bySize.length; first += 1) {
    smaller -= bySize[first].entryCount;
    if (bySize[first].entryCount < smaller) break;
  }
  const merging = bySize.slice(first);
  return merging.length >= 2 ? merging : [];
}
