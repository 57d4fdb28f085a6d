import { appendIncomingMatches, listIncomingParts, MATCH_CACHE_PART_SIZE, mergeIncomingParts } from '../data-access/match-cache-repository.ts';
import { partsToMerge } from '../domain/incoming-part-merge.ts';
import type { HeldResults } from '../domain/incoming-matches.ts';
import type { ShortlistContext } from './context.ts';

/** How long after a result is held it is written: the results of a burst of submissions go in one part. */
export const HELD_MATCH_WRITE_DELAY_MS = 1_000;

/**
 * Writes the results held in memory that are not in the database yet, as one incoming part of the
 * match cache per engagement, so a crash loses at most the last second's results: the first
 * computation after it finds the rest stored, instead of matching tens of thousands of tasks while
 * the consultant waits. Merges an engagement's incoming parts once they are many (unless told not
 * to: the stop gathers them itself). Never rejects: an engagement that cannot be written is logged
 * and kept for the next pass. True when all were written.
 */
export async function writeHeldMatches(ctx: ShortlistContext, { isMerging = true } = {}): Promise<boolean> {
  let isDone = true;
  for (const due of ctx.incoming.toWrite()) {
    try {
      ctx.incoming.markWritten(due, await appendIncomingMatches(ctx.connection, due.engagementId, due.fingerprint, due.results));
    } catch (err) {
      isDone = false;
      ctx.logger.warn({ err, engagementId: due.engagementId, resultCount: due.results.size }, 'results matched as tasks came in could not be written; trying again shortly');
      continue;
    }
    if (isMerging) await mergeManyParts(ctx, due);
  }
  return isDone;
}

async function mergeManyParts(ctx: ShortlistContext, { engagementId, fingerprint }: HeldResults): Promise<void> {
  try {
    const merging = partsToMerge(await listIncomingParts(ctx.connection, engagementId, fingerprint), MATCH_CACHE_PART_SIZE);
    if (merging.length === 0) return;
    const into = await mergeIncomingParts(ctx.connection, engagementId, fingerprint, merging.map((part) => part._id));
    ctx.incoming.markMerged(engagementId, fingerprint, merging.map((part) => part._id.toHexString()), into ?? []);
  } catch (err) {
    // Nothing is lost: the parts stay as they are, and the next computation reads them all.
    ctx.logger.warn({ err, engagementId }, 'incoming match-cache parts could not be merged');
  }
}
