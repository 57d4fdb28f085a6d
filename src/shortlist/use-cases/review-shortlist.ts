import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import { findShortlist, saveReview } from '../data-access/shortlist-repository.ts';
import { applyReview, measuredKey, modulesToMeasure, type ShortlistReviewInput } from '../domain/apply-review.ts';
import { currentTaskText, tasksOfCohort, type ShortlistContext } from './context.ts';
import { engagementLibrary } from '../domain/engagement-library.ts';
import { presentShortlist, type ShortlistView } from '../domain/present-shortlist.ts';
import { measurePinnedModule } from '../domain/rank-cohort-modules.ts';
import type { ComputedModule } from '../domain/shortlist.ts';

/**
 * `PATCH …/shortlist`: the consultant's decisions on the latest version (approve, reject, pin, move,
 * note), each logged with who and when, and optionally the approval of the whole shortlist. A stated
 * `version` that is not the latest is a 409 (`shortlist-version-stale`). All or nothing: an unknown
 * cohort or module is a 422 naming it, approval while a cohort has no approved or pinned module is a
 * 409 naming those cohorts, and in both cases nothing is saved.
 */
export async function reviewShortlist(ctx: ShortlistContext, consultantId: string, engagementId: string, input: ShortlistReviewInput): Promise<ShortlistView> {
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  const stored = await findShortlist(ctx.connection, engagementId);
  if (!stored) throw new NotFoundError('This engagement has no shortlist yet; compute one with POST first.', 'shortlist-not-found');
  // Decisions (and above all an approval) made on one version must not land on a newer one the consultant has not seen.
  if (input.version !== undefined && input.version !== stored.version) {
    throw new ConflictError(`Version ${input.version} is not the latest shortlist (version ${stored.version} is); review the latest and decide again. Nothing was saved.`, 'shortlist-version-stale', { latestVersion: stored.version });
  }
  // Nobody's tasks were in when it was computed: approving it would plan and publish an empty programme.
  if (input.status === 'approved' && stored.computed.cohorts.length === 0) {
    throw new ConflictError(`Shortlist version ${stored.version} has no cohorts, because no tasks were submitted or confirmed when it was computed; compute it again once intakes are in. Nothing was saved.`, 'shortlist-empty');
  }
  const library = engagementLibrary(engagement, ctx.catalogue);
  const taskText = await currentTaskText(ctx, engagementId);

  const measured = new Map<string, ComputedModule>();
  for (const { cohortId, moduleId } of modulesToMeasure(stored.computed, stored.review, input)) {
    const cohort = stored.computed.cohorts.find((c) => c.id === cohortId)!;
    if (library.availability(moduleId) !== 'available') continue;
    const title = ctx.catalogue.find(moduleId)!.title;
    const scoreOf = (task: Parameters<typeof ctx.catalogue.scoreModule>[0]) => ctx.catalogue.scoreModule(task, moduleId);
    measured.set(measuredKey(cohortId, moduleId), measurePinnedModule(cohort, tasksOfCohort(cohort, taskText), { id: moduleId, title }, scoreOf, ctx.catalogue.minScore));
  }

  const outcome = applyReview(
    { computed: stored.computed, review: stored.review, status: stored.status, by: consultantId, at: ctx.now().toISOString(), availability: library.availability, measured },
    input,
  );
  if (outcome.problems.length > 0) {
    throw new UnprocessableError('The review names cohorts or training modules this shortlist cannot take; nothing was saved.', outcome.problems, 'shortlist-review-invalid');
  }
  if (outcome.cohortsWithoutModules.length > 0) {
    const cohorts = outcome.cohortsWithoutModules.map((c) => ({ id: c.id, department: c.department, roleLevel: c.roleLevel }));
    throw new ConflictError(
      `The shortlist cannot be approved while these cohorts have no approved or pinned training module that can be taught: ${cohorts.map((c) => c.id).join(', ')}. Approve or pin one for each; nothing was saved.`,
      'cohorts-without-modules',
      { cohorts },
    );
  }
  const saved = await saveReview(ctx.connection, stored, { status: outcome.status, review: outcome.review, newLogEntries: outcome.log });
  ctx.logger.info({ engagementId, version: saved.version, decisionCount: outcome.log.length, status: saved.status }, 'shortlist reviewed');
  return presentShortlist(saved, { taskText, availability: library.availability, latestVersion: saved.version });
}
