import { setTimeout as delay } from 'node:timers/promises';
import type { TaskMatchResult } from '../../matching/index.ts';
import { loadMatchCache, saveMatchCache } from '../data-access/match-cache-repository.ts';
import { engagementMatchScope } from '../domain/match-fingerprint.ts';
import { currentTasksByKey, type ShortlistContext } from './context.ts';

/**
 * How long stopping may spend storing: the service gives its whole stop 10 s before it exits anyway,
 * and a 5,000-person engagement takes about 1 s (most of it reading which tasks are current).
 */
export const STORE_AT_STOP_BUDGET_MS = 6_000;

/**
 * Stores what was matched as tasks came in into each engagement's match cache. The service calls it
 * when it stops, so the first computation after a restart finds those results instead of matching tens
 * of thousands of tasks again. Only results of the engagement's tasks as they are now, under its modules
 * as they are now, are stored, and the cache is written with those alone. What a rejected, reworded or
 * erased task left behind is never written, and neither is what an older set of modules gave.
 * Engagements heard from most recently go first, within `budgetMs`. Each store rewrites the
 * engagement's whole cache, far too costly after every submission, hence only at stop. An engagement
 * that fails or is left over is logged; its next computation matches what it does not find.
 */
export async function storeHeldMatches(ctx: ShortlistContext, budgetMs = STORE_AT_STOP_BUDGET_MS): Promise<{ engagementCount: number; resultCount: number }> {
  const deadline = performance.now() + budgetMs;
  // Matching in the background stops at its next chunk; what it has matched so far is stored below.
  ctx.background.cancelAll();
  await Promise.race([ctx.background.idle(), delay(budgetMs, undefined, { ref: false })]);
  let engagementCount = 0;
  let resultCount = 0;
  const held = ctx.incoming.held().reverse();
  for (const [index, { engagementId, fingerprint, results }] of held.entries()) {
    if (performance.now() > deadline) {
      ctx.logger.warn({ leftCount: held.length - index }, 'stopping: no time left to store what was matched as tasks came in; those tasks are matched at their next computation');
      break;
    }
    try {
      const current = await currentTaskKeys(ctx, engagementId, fingerprint);
      const stored = current.size > 0 ? await loadMatchCache(ctx.connection, engagementId, fingerprint) : new Map<string, TaskMatchResult>();
      const cache = new Map<string, TaskMatchResult>();
      let added = 0;
      for (const key of current) {
        const result = stored.get(key) ?? results.get(key);
        if (!result) continue;
        cache.set(key, result);
        if (!stored.has(key)) added += 1;
      }
      if (added > 0) {
        await saveMatchCache(ctx.connection, engagementId, fingerprint, cache);
        engagementCount += 1;
        resultCount += added;
      }
      ctx.incoming.release(engagementId, fingerprint, results.keys());
    } catch (err) {
      ctx.logger.warn({ err, engagementId }, 'results matched as tasks came in could not be stored; the next computation matches those tasks again');
    }
  }
  return { engagementCount, resultCount };
}

/** The cache keys of the engagement's tasks today, when its modules still give `fingerprint`; none otherwise (or when it is gone). */
async function currentTaskKeys(ctx: ShortlistContext, engagementId: string, fingerprint: string): Promise<ReadonlySet<string>> {
  const engagement = await ctx.engagements.findEngagement(engagementId);
  if (!engagement || engagementMatchScope(engagement, ctx.catalogue).fingerprint !== fingerprint) return new Set();
  return new Set((await currentTasksByKey(ctx, engagementId)).keys());
}
