import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Engagement } from '../../engagements/index.ts';
import type { BackgroundRun } from '../domain/background-runs.ts';
import type { EngagementLibrary } from '../domain/engagement-library.ts';
import { engagementMatchScope } from '../domain/match-fingerprint.ts';
import { matchForShortlist } from '../domain/match-tasks.ts';
import { currentTasksByKey, type ShortlistContext } from './context.ts';
import { readCachedMatches } from './read-cached-matches.ts';

// About 8 ms of matching: what a request may wait behind while a run is under way.
const CHUNK_SIZE = 250;

/**
 * Once a consultant changes an engagement's modules, none of its tasks' results apply any more, and
 * its next computation would match every task while they wait (3.0–4.2 s for 40,000); a department
 * respelled does the same to its tasks, as the department is part of each task's key. So they are
 * matched here, in the background, a chunk at a time between other requests, and held like tasks
 * matched as they come in: the next computation stores them, or the service does when it stops.
 * Tasks already matched under these modules (stored, or held) are skipped. Runs go one at a time
 * (`BackgroundRuns`). Never fails the change that started it: a failure is logged, and the
 * computation matches what is missing, as it always could.
 */
export function rematchTasks(ctx: ShortlistContext, engagement: Engagement): Promise<void> {
  const { library, fingerprint } = engagementMatchScope(engagement, ctx.catalogue);
  return ctx.background.start(engagement.id, fingerprint, (run) =>
    matchEveryTask(ctx, { engagementId: engagement.id, library, fingerprint }, run).catch((err: unknown) => {
      ctx.logger.warn({ err, engagementId: engagement.id }, 'matching the tasks again in the background failed; the next computation matches them');
    }),
  );
}

async function matchEveryTask(ctx: ShortlistContext, scope: { engagementId: string; library: EngagementLibrary; fingerprint: string }, run: BackgroundRun): Promise<void> {
  const { engagementId, library, fingerprint } = scope;
  const started = performance.now();
  const [current, { stored, lookUp }] = await Promise.all([currentTasksByKey(ctx, engagementId), readCachedMatches(ctx, engagementId, fingerprint)]);
  const cached = await lookUp();
  if (run.isCancelled) return;
  const missing = [...current].filter(([key]) => !cached.has(key));
  // Past the room left, holding these would push out what other engagements' tasks are waiting with.
  if (missing.length > ctx.incoming.room) {
    ctx.logger.warn({ engagementId, missingCount: missing.length, room: ctx.incoming.room }, 'too many tasks to hold beside what is held already; the next computation matches them');
    return;
  }
  for (let from = 0; from < missing.length; from += CHUNK_SIZE) {
    if (run.isCancelled) return;
    const chunk = missing.slice(from, from + CHUNK_SIZE).map(([key, task]) => [key, matchForShortlist(ctx.catalogue, task, library.moduleIds)] as const);
    ctx.incoming.add(engagementId, fingerprint, chunk);
    await nextTurn();
  }
  // Written as part of the run, rather than a second later, in the middle of the computation that may follow.
  await ctx.heldWrites.writeNow();
  ctx.logger.info({ engagementId, matchedCount: missing.length, storedCount: stored.results.size, durationMs: Math.round(performance.now() - started) }, 'tasks matched again in the background');
}
