import { loadMatchCache, loadMatchCacheParts, type StoredMatches } from '../data-access/match-cache-repository.ts';
import { cachedUnion, type CachedResults } from '../domain/cached-results.ts';
import type { ShortlistContext } from './context.ts';

/** What `readCachedMatches` read, and how to look results up once the caller's other reads are done too. */
export interface CachedMatchesRead {
  stored: StoredMatches;
  /**
   * The stored and held results, looked up in turn. Call it after the caller's last await before
   * matching (held results let go until then are made up for) and use it before the next pause for
   * other requests: it reads the live held results.
   */
  lookUp(): Promise<CachedResults>;
}

/**
 * The engagement's stored match results under `fingerprint`. The parts written from results still held
 * here are not read back (they would only decode tens of thousands of results already in memory),
 * unless some held results were let go before `lookUp` (a computation alongside, a change of modules,
 * the limit): then those parts are read after all.
 */
export async function readCachedMatches(ctx: ShortlistContext, engagementId: string, fingerprint: string): Promise<CachedMatchesRead> {
  const partsHeld = ctx.incoming.partsHeldOf(engagementId, fingerprint);
  const mark = ctx.incoming.heldMark(engagementId);
  const stored = await loadMatchCache(ctx.connection, engagementId, fingerprint, partsHeld);
  const lookUp = async () => {
    const unread = ctx.incoming.isLetGoSince(engagementId, mark) ? await loadMatchCacheParts(ctx.connection, partsHeld) : new Map();
    return cachedUnion(stored.results, unread, ctx.incoming.resultsOf(engagementId, fingerprint));
  };
  return { stored, lookUp };
}
