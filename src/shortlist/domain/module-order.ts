import type { CohortReview, ComputedCohort, ComputedModule, ModuleReview } from './shortlist.ts';

/** An empty review of a cohort: no decisions, the matcher's order. */
export function emptyCohortReview(cohortId: string): CohortReview {
  return { cohortId, modules: [], added: [] };
}

/** Every module on a cohort's list: the computed ones, then those pinned in. */
export function listedModules(cohort: ComputedCohort, review: CohortReview | undefined): ComputedModule[] {
  return [...cohort.modules, ...(review?.added ?? [])];
}

/**
 * The cohort's modules in the consultant's order: the stored order where there is one, any module it
 * does not name (none, normally) after it in rank order; otherwise the matcher's rank order.
 */
export function orderedModuleIds(cohort: ComputedCohort, review: CohortReview | undefined): string[] {
  const all = listedModules(cohort, review).map((m) => m.moduleId);
  if (!review?.order) return all;
  const listed = new Set(all);
  const order = review.order.filter((id) => listed.has(id));
  const named = new Set(order);
  return [...order, ...all.filter((id) => !named.has(id))];
}

/** Moves a module to a 1-based position (clamped to the list). */
export function moveTo(order: string[], moduleId: string, position: number): string[] {
  const rest = order.filter((id) => id !== moduleId);
  const at = Math.max(0, Math.min(rest.length, position - 1));
  return [...rest.slice(0, at), moduleId, ...rest.slice(at)];
}

/** Approved and pinned modules are the ones the cohort will be taught. */
export function isIncluded(decision: ModuleReview | undefined): boolean {
  return decision?.decision === 'approved' || decision?.decision === 'pinned';
}
