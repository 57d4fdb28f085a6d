import { listAnswerSummaries, listTaskSummaries } from '../../intake/index.ts';
import { findLatestHead, insertShortlist, loadComputed } from '../data-access/shortlist-repository.ts';
import { buildCohorts } from '../domain/build-cohorts.ts';
import { carryOverDecisions } from '../domain/carry-over.ts';
import { CONCERN_QUESTION_IDS } from '../domain/concern-scores.ts';
import { taskTextOf, tasksOfCohort, type ShortlistContext } from './context.ts';
import { engagementLibrary, matchWeighedTasks } from '../domain/engagement-library.ts';
import { presentShortlist, type ShortlistView } from '../domain/present-shortlist.ts';
import { measurePinnedModule } from '../domain/rank-cohort-modules.ts';
import type { CarryOverReport, CohortReview, ComputedShortlist, DecisionLogEntry } from '../domain/shortlist.ts';
import { weighTasks } from '../domain/weigh-tasks.ts';

/**
 * `POST …/shortlist`: a new version from the engagement's task records as they are now, matched
 * against the engagement's training modules, with the consultant's decisions on the previous version
 * carried over (and what could not be carried reported). Earlier versions are kept.
 */
export async function computeShortlist(ctx: ShortlistContext, consultantId: string, engagementId: string): Promise<ShortlistView> {
  const started = performance.now();
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  const [people, records, intakes, previous] = await Promise.all([
    ctx.engagements.listPeople(engagementId),
    listTaskSummaries(ctx.connection, engagementId),
    listAnswerSummaries(ctx.connection, engagementId, CONCERN_QUESTION_IDS),
    findLatestHead(ctx.connection, engagementId),
  ]);
  const readMs = Math.round(performance.now() - started);
  const library = engagementLibrary(engagement, ctx.catalogue);
  const tasks = weighTasks(records, people);
  const matchStarted = performance.now();
  const matches = await matchWeighedTasks(ctx.catalogue, tasks, library.moduleIds);
  const matchMs = Math.round(performance.now() - matchStarted);
  const titleOf = (moduleId: string) => ctx.catalogue.find(moduleId)?.title ?? moduleId;
  const computed: ComputedShortlist = {
    moduleIds: [...library.moduleIds].sort(),
    cohorts: buildCohorts({
      tasks,
      matchOf: (taskId) => matches.get(taskId)!,
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

  const at = ctx.now();
  const taskText = taskTextOf(records, people);
  let review: CohortReview[] = [];
  let carryOver: CarryOverReport | undefined;
  if (previous) {
    ({ review, report: carryOver } = carryOverDecisions({
      fromVersion: previous.version,
      // Only decisions need the previous computed part (to read them in the consultant's order).
      previous: previous.review.some((r) => r.modules.length > 0) ? await loadComputed(ctx.connection, previous.id) : { moduleIds: [], cohorts: [], notices: [] },
      previousReview: previous.review,
      next: computed,
      availability: library.availability,
      measure: (cohort, moduleId) =>
        measurePinnedModule(cohort, tasksOfCohort(cohort, taskText), { id: moduleId, title: titleOf(moduleId) }, (task) => ctx.catalogue.scoreModule(task, moduleId), ctx.catalogue.minScore),
    }));
  }
  const storeStarted = performance.now();
  const log: DecisionLogEntry[] = [{ at: at.toISOString(), by: consultantId, action: 'compute', ...(previous ? { fromVersion: previous.version } : {}) }];
  const stored = await insertShortlist(
    ctx.connection,
    { engagementId, version: (previous?.version ?? 0) + 1, computedBy: consultantId, computedAt: at, computed, review, decisionLog: log, carryOver },
    previous,
  );
  const storeMs = Math.round(performance.now() - storeStarted);
  ctx.logger.info(
    {
      engagementId, version: stored.version, cohortCount: computed.cohorts.length, taskCount: tasks.length,
      gapTaskCount: computed.cohorts.reduce((sum, c) => sum + c.tasks.filter((t) => t.isGap).length, 0),
      carriedCount: carryOver?.carried.length ?? 0, notCarriedCount: carryOver?.notCarried.length ?? 0,
      readMs, matchMs, storeMs, durationMs: Math.round(performance.now() - started),
    },
    'shortlist computed',
  );
  return presentShortlist(stored, { taskText, availability: library.availability, latestVersion: stored.version });
}
