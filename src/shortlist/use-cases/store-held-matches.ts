import { listTaskSummaries } from '../../intake/index.ts';
import { loadMatchCache, saveMatchCache } from '../data-access/match-cache-repository.ts';
import { engagementLibrary } from '../domain/engagement-library.ts';
import { matchScopeFingerprint, taskMatchKey, taskMatchText } from '../domain/match-fingerprint.ts';
import { weighTasks } from '../domain/weigh-tasks.ts';
import type { ShortlistContext } from './context.ts';

/**
 * Stores every match result the service holds but has not stored: computations' writes not done yet,
 * then what was matched as tasks came in, merged into each engagement's match cache. The service calls
 * it when it stops, so the first computation after a restart finds them instead of matching tens of
 * thousands of tasks again. Only results of the engagement's tasks as they are now, under its modules
 * as they are now, are stored: what a rejected, reworded or erased task left behind, or what an older
 * set of modules gave, is dropped. Incoming results are stored only then: each store rewrites the
 * engagement's whole cache, far too costly after every submission. An engagement that fails is logged
 * and skipped; its next computation matches what it does not find.
 */
export async function storeHeldMatches(ctx: ShortlistContext): Promise<{ engagementCount: number; resultCount: number }> {
  await ctx.cacheWrites.flush();
  let engagementCount = 0;
  let resultCount = 0;
  for (const { engagementId, fingerprint, results } of ctx.incoming.held()) {
    try {
      const current = await currentTaskKeys(ctx, engagementId, fingerprint);
      const cache = current.size > 0 ? await loadMatchCache(ctx.connection, engagementId, fingerprint) : new Map();
      let added = 0;
      for (const [key, result] of results) {
        if (!current.has(key) || cache.has(key)) continue;
        cache.set(key, result);
        added += 1;
      }
      if (added > 0) await saveMatchCache(ctx.connection, engagementId, fingerprint, cache);
      ctx.incoming.release(engagementId, results.keys());
      if (added > 0) engagementCount += 1;
      resultCount += added;
    } catch (err) {
      ctx.logger.warn({ err, engagementId }, 'results matched as tasks came in could not be stored; the next computation matches those tasks again');
    }
  }
  return { engagementCount, resultCount };
}

/** The cache keys of the engagement's tasks today, when its modules still give `fingerprint`; none otherwise (or when it is gone). */
async function currentTaskKeys(ctx: ShortlistContext, engagementId: string, fingerprint: string): Promise<Set<string>> {
  const engagement = await ctx.engagements.findEngagement(engagementId);
  if (!engagement || matchScopeFingerprint(ctx.catalogue, engagementLibrary(engagement, ctx.catalogue).moduleIds) !== fingerprint) return new Set();
  const [records, people] = await Promise.all([listTaskSummaries(ctx.connection, engagementId), ctx.engagements.listPeople(engagementId)]);
  return new Set(weighTasks(records, people).map((task) => taskMatchKey(taskMatchText(task))));
}
