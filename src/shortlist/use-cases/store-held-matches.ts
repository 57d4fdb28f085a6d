import { setTimeout as delay } from 'node:timers/promises';
import type { TaskMatchResult } from '../../matching/index.ts';
import { saveMatchCache } from '../data-access/match-cache-repository.ts';
import { engagementMatchScope } from '../domain/match-fingerprint.ts';
import { currentTasksByKey, type ShortlistContext } from './context.ts';
import { readCachedMatches } from './read-cached-matches.ts';

/**
 * How long stopping may spend storing: the service gives its whole stop 10 s before it exits anyway,
 * and a 5,000-person engagement takes about 1 s (most of it reading which tasks are current).
 */
export const STORE_AT_STOP_BUDGET_MS = 6_000;

/**
 * Stores what was matched as tasks came in into each engagement's match cache. The service calls it
 * when it stops. First every held result not yet written goes in as an incoming part (a few
 * milliseconds; waited for within the budget, should the database hang), so none is lost whatever
 * follows. Then, within `budgetMs`, engagements heard from most recently first, each engagement's
 * cache is rewritten with the results of its tasks as they are now, under its modules as they are
 * now: what a rejected, reworded or erased task left behind is dropped, and so is what an older set of
 * modules gave, and the first computation after the restart reads a few computed parts. An engagement
 * that fails or is left over is logged; its next computation reads its incoming parts, or matches
 * what it does not find.
 */
export async function storeHeldMatches(ctx: ShortlistContext, budgetMs = STORE_AT_STOP_BUDGET_MS): Promise<{ engagementCount: number; resultCount: number }> {
  const deadline = performance.now() + budgetMs;
  // Matching in the background stops at its next chunk; what it has matched so far is stored below.
  ctx.background.cancelAll();
  const timeLeft = () => delay(Math.max(0, deadline - performance.now()), undefined, { ref: false });
  await Promise.race([ctx.background.idle(), timeLeft()]);
  // The last write of what is held: no more come after it.
  await Promise.race([ctx.heldWrites.close(), timeLeft()]);
  let engagementCount = 0;
  let resultCount = 0;
  const held = ctx.incoming.held().reverse();
  for (const [index, { engagementId, fingerprint }] of held.entries()) {
    if (performance.now() > deadline) {
      ctx.logger.warn({ leftCount: held.length - index }, 'stopping: no time left to gather what was matched as tasks came in into the match cache; the next computation reads it as it was written');
      break;
    }
    try {
      const current = await currentTaskKeys(ctx, engagementId, fingerprint);
      if (current.size === 0) continue;
      const { stored, lookUp } = await readCachedMatches(ctx, engagementId, fingerprint);
      const cached = await lookUp();
      const held = [...ctx.incoming.resultsOf(engagementId, fingerprint).keys()];
      const cache = new Map<string, TaskMatchResult>();
      for (const key of current) {
        const result = cached.get(key);
        if (result) cache.set(key, result);
      }
      await saveMatchCache(ctx.connection, engagementId, fingerprint, cache, stored);
      engagementCount += 1;
      // What came in and is stored now: the current tasks' results the computed parts lacked.
      resultCount += [...cache.keys()].filter((key) => !stored.results.has(key)).length;
      ctx.incoming.release(engagementId, fingerprint, held);
    } catch (err) {
      ctx.logger.warn({ err, engagementId }, 'results matched as tasks came in could not be gathered into the match cache; the next computation reads them as they were written');
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
