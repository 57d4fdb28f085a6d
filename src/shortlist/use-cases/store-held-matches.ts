import { loadMatchCache, saveMatchCache } from '../data-access/match-cache-repository.ts';
import type { ShortlistContext } from './context.ts';

/**
 * Stores every match result the service holds but has not stored: computations' writes not done yet,
 * then what was matched as tasks came in, merged into each engagement's match cache. The service calls
 * it when it stops, so the first computation after a restart finds them instead of matching tens of
 * thousands of tasks again. Incoming results are stored only then: each store rewrites the
 * engagement's whole cache, far too costly after every submission. An engagement that fails is
 * logged and skipped; its next computation matches what it does not find.
 */
export async function storeHeldMatches(ctx: ShortlistContext): Promise<{ engagementCount: number; resultCount: number }> {
  await ctx.cacheWrites.flush();
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
