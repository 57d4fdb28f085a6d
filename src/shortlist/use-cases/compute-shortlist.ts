import { listAnswerSummaries, listTaskSummaries } from '../../intake/index.ts';
import { MATCH_CACHE_PART_SIZE, saveMatchCache } from '../data-access/match-cache-repository.ts';
import { readCachedMatches } from './read-cached-matches.ts';
import { findLatestHead, insertShortlist, loadComputed, type ShortlistHead } from '../data-access/shortlist-repository.ts';
import { buildCohorts } from '../domain/build-cohorts.ts';
import { carryOverDecisions } from '../domain/carry-over.ts';
import { CONCERN_QUESTION_IDS } from '../domain/concern-scores.ts';
import { taskTextOf, tasksOfCohort, type ShortlistContext } from './context.ts';
import type { EngagementLibrary } from '../domain/engagement-library.ts';
import { engagementMatchScope } from '../domain/match-fingerprint.ts';
import { matchWeighedTasks } from '../domain/match-tasks.ts';
import { presentShortlist, type ShortlistView } from '../domain/present-shortlist.ts';
import { measurePinnedModule } from '../domain/rank-cohort-modules.ts';
import type { CarryOverReport, CohortReview, ComputedShortlist, DecisionLogEntry } from '../domain/shortlist.ts';
import { weighTasks } from '../domain/weigh-tasks.ts';

/**
 * `POST …/shortlist`: a new version from the engagement's task records as they are now, matched
 * against the engagement's training modules, with the consultant's decisions on the previous version
 * carried over (and what could not be carried reported). Earlier versions are kept.
 */
export async function computeShortlist(ctx: ShortlistContext, consultantId: string, requestedId: string): Promise<ShortlistView> {
  const lap = stopwatch();
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, requestedId);
  // The id as stored: results held in memory are keyed by it, however the request spelt it.
  const engagementId = engagement.id;
  const { library, fingerprint } = engagementMatchScope(engagement, ctx.catalogue);
  // A run matching the tasks again under these modules would now only match them twice: what it has held is used below.
  ctx.background.cancel(engagementId, fingerprint);
  // Taken before the reads: each of these tasks is then either among the records read, or gone
  // (rejected, reworded, erased).
  const incomingKeys = [...ctx.incoming.resultsOf(engagementId, fingerprint).keys()];
  const [people, records, intakes, previous, cache] = await Promise.all([
    ctx.engagements.listPeople(engagementId),
    listTaskSummaries(ctx.connection, engagementId),
    listAnswerSummaries(ctx.connection, engagementId, CONCERN_QUESTION_IDS),
    findLatestHead(ctx.connection, engagementId),
    readCachedMatches(ctx, engagementId, fingerprint),
  ]);
  const storedCache = cache.stored;
  const cached = await cache.lookUp();
  const readMs = lap();
  const tasks = weighTasks(records, people);
  const matched = await matchWeighedTasks(ctx.catalogue, tasks, library.moduleIds, cached);
  if (matched.isCacheRejected) ctx.logger.warn({ engagementId, cachedCount: cached.size }, 'match cache disagrees with the matcher; every task matched again');
  const matchMs = lap();
  // Rewritten only when it changed: results it lacks (matched now, or as tasks came in), results of
  // tasks that are gone, parts written as tasks came in (gathered into computed ones), or more parts
  // than its results need (under other modules, or written twice by two computations at once).
  const storedResults = storedCache.results;
  const isScattered = storedCache.partIds.length > Math.ceil(matched.distinctCount / MATCH_CACHE_PART_SIZE);
  const isChanged = matched.matchedCount > 0 || matched.distinctCount !== storedResults.size || matched.keys.some((key) => !storedResults.has(key));
  // What came in is stored now, or belongs to no task of this computation (rejected, reworded since, erased).
  const releaseIncoming = () => ctx.incoming.release(engagementId, fingerprint, incomingKeys);
  if (isChanged || storedCache.hasIncoming || isScattered) {
    // With held results' writes paused, the parts written from them while this computation ran go
    // too: what they hold is saved here, or came in after the reads and is written again. The cache
    // is then exactly this computation's.
    await ctx.heldWrites.pausedFor(async () => {
      const writtenSince = ctx.incoming.partsHeldOf(engagementId, fingerprint);
      await saveMatchCache(ctx.connection, engagementId, fingerprint, matched.byKey(), storedCache, writtenSince);
      releaseIncoming();
      if (writtenSince.size > 0) ctx.incoming.writeAgain(engagementId, fingerprint);
    });
  } else {
    releaseIncoming();
  }
  const cacheMs = lap();

  const titleOf = (moduleId: string) => ctx.catalogue.find(moduleId)?.title ?? moduleId;
  const computed: ComputedShortlist = {
    moduleIds: [...library.moduleIds].sort(),
    cohorts: buildCohorts({
      tasks,
      matchOf: (taskId) => matched.byTask.get(taskId)!,
      minScore: ctx.catalogue.minScore,
      titleOf,
      departments: engagement.departments,
      intakes: new Map(intakes.map((i) => [i.personId, i])),
    }),
    notices: [...library.notices],
  };
  if (computed.cohorts.length === 0) {
    computed.notices.push({ code: 'no-tasks', message: 'No submitted or confirmed tasks yet, so there are no cohorts. Compute again when intakes are in.' });
  }
  const taskText = taskTextOf(records, people);
  const { review, carryOver } = previous ? await carryDecisionsOver(ctx, previous, computed, library, taskText) : { review: [], carryOver: undefined };
  const buildMs = lap();

  const at = ctx.now();
  const log: DecisionLogEntry[] = [{ at: at.toISOString(), by: consultantId, action: 'compute', ...(previous ? { fromVersion: previous.version } : {}) }];
  const stored = await insertShortlist(
    ctx.connection,
    { engagementId, version: (previous?.version ?? 0) + 1, computedBy: consultantId, computedAt: at, computed, review, decisionLog: log, carryOver },
    previous,
  );
  const storeMs = lap();
  const view = presentShortlist(stored, { taskText, availability: library.availability, latestVersion: stored.version });
  const presentMs = lap();
  ctx.logger.info(
    {
      engagementId, version: stored.version, cohortCount: computed.cohorts.length, taskCount: tasks.length,
      gapTaskCount: computed.cohorts.reduce((sum, c) => sum + c.tasks.filter((t) => t.isGap).length, 0),
      carriedCount: carryOver?.carried.length ?? 0, notCarriedCount: carryOver?.notCarried.length ?? 0,
      matchedCount: matched.matchedCount, cachedCount: matched.cachedCount, incomingCount: incomingKeys.length,
      readMs, matchMs, cacheMs, buildMs, storeMs, presentMs, durationMs: lap.total(),
    },
    'shortlist computed',
  );
  return view;
}

/** The consultant's decisions on the previous version, carried over to the new one where they still apply. */
async function carryDecisionsOver(ctx: ShortlistContext, previous: ShortlistHead, computed: ComputedShortlist, library: EngagementLibrary, taskText: ReadonlyMap<string, string>): Promise<{ review: CohortReview[]; carryOver: CarryOverReport }> {
  const titleOf = (moduleId: string) => ctx.catalogue.find(moduleId)?.title ?? moduleId;
  const { review, report } = carryOverDecisions({
    fromVersion: previous.version,
    // Only decisions need the previous computed part (to read them in the consultant's order).
    previous: previous.review.some((r) => r.modules.length > 0) ? await loadComputed(ctx.connection, previous.id) : { moduleIds: [], cohorts: [], notices: [] },
    previousReview: previous.review,
    next: computed,
    availability: library.availability,
    measure: (cohort, moduleId) =>
      measurePinnedModule(cohort, tasksOfCohort(cohort, taskText), { id: moduleId, title: titleOf(moduleId) }, (task) => ctx.catalogue.scoreModule(task, moduleId), ctx.catalogue.minScore),
  });
  return { review, carryOver: report };
}

/** Milliseconds since the previous lap (or the start), and in total: where a computation's time went, for its log line. */
function stopwatch(): (() => number) & { total(): number } {
  const started = performance.now();
  let last = started;
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
  return Object.assign(lap, { total: () => Math.round(performance.now() - started) });
}
