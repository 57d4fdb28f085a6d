import { loadMatchCache, saveMatchCache } from '../data-access/match-cache-repository.ts';
import type { ShortlistContext } from './context.ts';

/**
 * Stores the results matched as tasks came in into each engagement's match cache, so they outlive
 * the process: the service calls it when it stops, and the first computation after a restart then
 * finds them instead of matching tens of thousands of tasks again. Only at stop: each store rewrites
 * the engagement's whole cache, far too costly after every submission. An engagement that fails is
 * logged and skipped; its next computation matches what it does not find.
 */
export async function storeIncomingMatches(ctx: ShortlistContext): Promise<{ engagementCount: number; resultCount: number }> {
  let engagementCount = 0;
  let resultCount = 0;
  for (const { engagementId, fingerprint, results } of ctx.incoming.held()) {
    try {
      const cache = await loadMatchCache(ctx.connection, engagementId, fingerprint);
      for (const [key, result] of results) if (!cache.has(key)) cache.set(key, result);
      await saveMatchCache(ctx.connection, engagementId, fingerprint, cache);
      ctx.incoming.release(engagementId, results.keys());
      engagementCount += 1;
      resultCount += results.size;
    } catch (err) {
      ctx.logger.warn({ err, engagementId }, 'results matched as tasks came in could not be stored; the next computation matches those tasks again');
    }
  }
  return { engagementCount, resultCount };
}
