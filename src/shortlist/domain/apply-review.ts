import type { FieldProblem } from '../../platform/errors.ts';
import type { ModuleAvailability } from './engagement-library.ts';
import { emptyCohortReview, isIncluded, listedModules, moveTo, orderedModuleIds } from './module-order.ts';
import type { CohortReview, ComputedCohort, ComputedModule, ComputedShortlist, DecisionLogEntry, ModuleDecision, ShortlistStatus } from './shortlist.ts';

/** The body of `PATCH …/shortlist` (shape checked by `shortlist-review`). */
export interface ShortlistReviewInput {
  cohorts?: CohortDecisionsInput[];
  status?: 'approved';
  /** The version the consultant reviewed; another latest version is a 409. */
  version?: number;
}

export interface CohortDecisionsInput {
  id: string;
  modules: ModuleDecisionInput[];
}

export interface ModuleDecisionInput {
  moduleId: string;
  decision: 'approve' | 'reject' | 'pin';
  position?: number;
  note?: string;
}

const DECIDED: Record<ModuleDecisionInput['decision'], ModuleDecision> = { approve: 'approved', reject: 'rejected', pin: 'pinned' };

export interface ReviewContext {
  computed: ComputedShortlist;
  review: CohortReview[];
  status: ShortlistStatus;
  by: string;
  at: string;
  availability(moduleId: string): ModuleAvailability;
  /** Modules pinned in from outside a cohort's list, already measured against its tasks (see `modulesToMeasure`). */
  measured: ReadonlyMap<string, ComputedModule>;
}

export interface ReviewOutcome {
  review: CohortReview[];
  status: ShortlistStatus;
  log: DecisionLogEntry[];
  problems: FieldProblem[];
  /** When approval was asked for: the cohorts that still have no approved or pinned module available. */
  cohortsWithoutModules: ComputedCohort[];
}

/** `cohortId/moduleId` of the pins that bring a module onto a cohort's list: they must be measured first. */
export function modulesToMeasure(computed: ComputedShortlist, review: readonly CohortReview[], input: ShortlistReviewInput): Array<{ cohortId: string; moduleId: string }> {
  const wanted: Array<{ cohortId: string; moduleId: string }> = [];
  for (const item of input.cohorts ?? []) {
    const cohort = computed.cohorts.find((c) => c.id === item.id);
    if (!cohort) continue;
    const listed = new Set(listedModules(cohort, review.find((r) => r.cohortId === cohort.id)).map((m) => m.moduleId));
    for (const decision of item.modules) {
      if (decision.decision === 'pin' && !listed.has(decision.moduleId)) wanted.push({ cohortId: cohort.id, moduleId: decision.moduleId });
    }
  }
  return wanted;
}

export function measuredKey(cohortId: string, moduleId: string): string {
  return `${cohortId}/${moduleId}`;
}

/**
 * Applies a consultant's decisions in body order: approve, reject or pin (a pin may bring in a module
 * of the engagement's library that is not on the list), move to `position`, keep a note. Every
 * decision becomes a log entry. Problems (unknown ids, a module that cannot be taught) are collected
 * for a 422 and nothing is applied. A decision on an approved shortlist reopens it; asking for
 * approval checks that every cohort has an approved or pinned module that is still available.
 */
export function applyReview(ctx: ReviewContext, input: ShortlistReviewInput): ReviewOutcome {
  const problems: FieldProblem[] = [];
  const log: DecisionLogEntry[] = [];
  const reviews = new Map(ctx.review.map((r) => [r.cohortId, structuredClone(r)]));
  const seenCohorts = new Set<string>();

  (input.cohorts ?? []).forEach((item, i) => {
    const cohort = ctx.computed.cohorts.find((c) => c.id === item.id);
    if (!cohort) {
      problems.push({ pointer: `/cohorts/${i}/id`, message: `is not a cohort of this shortlist (${ctx.computed.cohorts.map((c) => c.id).join(', ') || 'it has none'}).` });
      return;
    }
    if (seenCohorts.has(cohort.id)) problems.push({ pointer: `/cohorts/${i}/id`, message: 'is listed twice; send each cohort once.' });
    seenCohorts.add(cohort.id);
    const review = reviews.get(cohort.id) ?? emptyCohortReview(cohort.id);
    reviews.set(cohort.id, review);
    const seenModules = new Set<string>();
    item.modules.forEach((decision, j) => {
      const pointer = `/cohorts/${i}/modules/${j}`;
      if (seenModules.has(decision.moduleId)) {
        problems.push({ pointer: `${pointer}/moduleId`, message: 'is decided twice for this cohort.' });
        return;
      }
      seenModules.add(decision.moduleId);
      const problem = applyDecision(ctx, cohort, review, decision);
      if (problem) problems.push({ pointer: `${pointer}/${problem.field}`, message: problem.message });
      else log.push({ at: ctx.at, by: ctx.by, action: decision.decision, cohortId: cohort.id, moduleId: decision.moduleId, ...pick(decision) });
    });
  });

  const hasDecisions = log.length > 0;
  let status = ctx.status;
  if (hasDecisions && status === 'approved' && input.status !== 'approved') {
    status = 'draft';
    log.push({ at: ctx.at, by: ctx.by, action: 'reopen' });
  }
  const review = [...reviews.values()];
  const cohortsWithoutModules = input.status === 'approved' ? ctx.computed.cohorts.filter((c) => !hasTeachableModule(ctx, review.find((r) => r.cohortId === c.id))) : [];
  if (input.status === 'approved' && cohortsWithoutModules.length === 0 && (status !== 'approved' || hasDecisions)) {
    status = 'approved';
    log.push({ at: ctx.at, by: ctx.by, action: 'approve-shortlist' });
  }
  return { review, status, log, problems, cohortsWithoutModules };
}

function applyDecision(ctx: ReviewContext, cohort: ComputedCohort, review: CohortReview, decision: ModuleDecisionInput): { field: string; message: string } | undefined {
  const listed = listedModules(cohort, review).some((m) => m.moduleId === decision.moduleId);
  const availability = ctx.availability(decision.moduleId);
  if (!listed) {
    if (availability === 'not-in-library') return { field: 'moduleId', message: 'is not a training module of the library.' };
    if (availability === 'not-in-engagement') return { field: 'moduleId', message: 'is not one of this engagement\'s training modules.' };
    if (decision.decision !== 'pin') return { field: 'moduleId', message: 'is not on this cohort\'s list; pin it to add it.' };
    const measured = ctx.measured.get(measuredKey(cohort.id, decision.moduleId));
    if (!measured) throw new Error(`applyReview: pinned module ${decision.moduleId} was not measured for ${cohort.id}`);
    review.added.push(measured);
    review.order = orderedModuleIds(cohort, review);
  } else if (decision.decision !== 'reject' && availability !== 'available') {
    return {
      field: 'moduleId',
      message: availability === 'not-in-library'
        ? 'is no longer in the training-module library, so it cannot be taught; reject it or pin another.'
        : 'is no longer one of this engagement\'s training modules; reject it or pin another.',
    };
  }
  const order = orderedModuleIds(cohort, review);
  if (decision.position !== undefined) {
    if (decision.position > order.length) return { field: 'position', message: `must be between 1 and ${order.length}, the number of modules on this cohort's list.` };
    review.order = moveTo(order, decision.moduleId, decision.position);
  }
  const earlier = review.modules.find((m) => m.moduleId === decision.moduleId);
  const note = decision.note !== undefined ? decision.note.trim() : earlier?.note;
  const position = decision.position ?? earlier?.position;
  review.modules = [
    ...review.modules.filter((m) => m.moduleId !== decision.moduleId),
    { moduleId: decision.moduleId, decision: DECIDED[decision.decision], ...(note ? { note } : {}), ...(position ? { position } : {}), decidedBy: ctx.by, decidedAt: ctx.at },
  ];
  return undefined;
}

function hasTeachableModule(ctx: ReviewContext, review: CohortReview | undefined): boolean {
  return (review?.modules ?? []).some((m) => isIncluded(m) && ctx.availability(m.moduleId) === 'available');
}

function pick(decision: ModuleDecisionInput): Pick<DecisionLogEntry, 'position' | 'note'> {
  return { ...(decision.position !== undefined ? { position: decision.position } : {}), ...(decision.note !== undefined ? { note: decision.note.trim() } : {}) };
}
