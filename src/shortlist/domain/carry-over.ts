import type { ModuleAvailability } from './engagement-library.ts';
import { emptyCohortReview, isIncluded, moveTo, orderedModuleIds } from './module-order.ts';
import type { CarryOverReport, CohortReview, ComputedCohort, ComputedModule, ComputedShortlist, ModuleReview } from './shortlist.ts';

export interface CarryOverInputs {
  fromVersion: number;
  previous: ComputedShortlist;
  previousReview: readonly CohortReview[];
  next: ComputedShortlist;
  availability(moduleId: string): ModuleAvailability;
  /** Measures a pinned module against a cohort of the new version (it may no longer be on its list). */
  measure(cohort: ComputedCohort, moduleId: string): ComputedModule;
}

/**
 * Carries the consultant's decisions over to a newly computed version, so a re-computation after the
 * roster changed or more intakes came in does not undo the review:
 * - a decision carries when its cohort still exists and its module is still on the cohort's list;
 * - a pinned module comes back even when the matcher no longer lists it (pinning means "keep it");
 * - explicit positions are re-applied, lowest first, on top of the new ranking.
 * Everything else is reported, with the reason: the cohort is gone, the module no longer covers any
 * of its tasks, or the module left the library or the engagement. The new version starts as a draft.
 */
export function carryOverDecisions(inputs: CarryOverInputs): { review: CohortReview[]; report: CarryOverReport } {
  const report: CarryOverReport = { fromVersion: inputs.fromVersion, carried: [], notCarried: [] };
  const review: CohortReview[] = [];
  for (const previous of inputs.previousReview) {
    const cohort = inputs.next.cohorts.find((c) => c.id === previous.cohortId);
    const oldCohort = inputs.previous.cohorts.find((c) => c.id === previous.cohortId);
    const decisions = sortByPreviousOrder(previous, oldCohort);
    if (!cohort) {
      for (const m of decisions) notCarried(report, previous.cohortId, m, 'cohort-gone', `Cohort ${previous.cohortId} has no included tasks in this version (its people left or were erased, or their tasks were rejected).`);
      continue;
    }
    const next = emptyCohortReview(cohort.id);
    for (const m of decisions) {
      const availability = inputs.availability(m.moduleId);
      const isListed = cohort.modules.some((listed) => listed.moduleId === m.moduleId);
      if (isIncluded(m) && availability !== 'available') {
        const where = availability === 'not-in-library' ? 'the training-module library' : 'the engagement\'s training modules';
        notCarried(report, cohort.id, m, 'module-not-available', `${m.moduleId} is no longer in ${where}, so it was not carried over to ${cohort.id}.`);
      } else if (isListed || (m.decision === 'pinned' && availability === 'available')) {
        if (!isListed) next.added.push(inputs.measure(cohort, m.moduleId));
        next.modules.push(m);
        report.carried.push({ cohortId: cohort.id, moduleId: m.moduleId, decision: m.decision });
      } else {
        const message = m.decision === 'rejected'
          ? `${m.moduleId} is no longer on ${cohort.id}'s list, so its rejection has nothing to apply to.`
          : `${m.moduleId} no longer covers any task of ${cohort.id}; pin it to keep it on the list.`;
        notCarried(report, cohort.id, m, 'module-not-listed', message);
      }
    }
    const positioned = next.modules.filter((m) => m.position !== undefined);
    if (next.added.length > 0 || positioned.length > 0) {
      let order = orderedModuleIds(cohort, next);
      for (const m of [...positioned].sort((a, b) => a.position! - b.position!)) order = moveTo(order, m.moduleId, m.position!);
      next.order = order;
    }
    if (next.modules.length > 0) review.push(next);
  }
  return { review, report };
}

/** Decisions in the order the consultant last saw them, so reports and positions read naturally. */
function sortByPreviousOrder(review: CohortReview, cohort: ComputedCohort | undefined): ModuleReview[] {
  const order = cohort ? orderedModuleIds(cohort, review) : review.modules.map((m) => m.moduleId);
  const at = new Map(order.map((id, i) => [id, i]));
  return [...review.modules].sort((a, b) => (at.get(a.moduleId) ?? Infinity) - (at.get(b.moduleId) ?? Infinity) || (a.moduleId < b.moduleId ? -1 : 1));
}

function notCarried(report: CarryOverReport, cohortId: string, m: ModuleReview, reason: CarryOverReport['notCarried'][number]['reason'], message: string): void {
  report.notCarried.push({ cohortId, moduleId: m.moduleId, decision: m.decision, ...(m.note ? { note: m.note } : {}), reason, message });
}
