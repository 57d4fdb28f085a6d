import type { MatchEvidence } from '../../matching/index.ts';
import type { ModuleAvailability } from './engagement-library.ts';
import { listedModules, orderedModuleIds } from './module-order.ts';
import type {
  CarryOverReport, CohortReview, ComputedCohort, ComputedModule, ComputedTask, ConcernScores, DecisionLogEntry, ModuleDecision, Notice, ShortlistStatus, StoredShortlist,
} from './shortlist.ts';

/** A task as shown: the computed weights with the words from the task record. */
export interface TaskView {
  taskId: string;
  personId: string;
  text: string;
  hoursPerWeek: number;
  priority: number;
  isPriorityDefault: boolean;
  status: ComputedTask['status'];
  weight: number;
}

export interface ModuleView {
  moduleId: string;
  title: string;
  rank: number | null;
  position: number;
  decision: ModuleDecision | 'pending';
  isPinned: boolean;
  isAddedByConsultant: boolean;
  isInLibrary: boolean;
  isInEngagement: boolean;
  note?: string;
  decidedBy?: string;
  decidedAt?: string;
  demand: number;
  coverage: number;
  coveredHours: number;
  tasks: Array<TaskView & { score: number; evidence: MatchEvidence; demand: number }>;
}

export interface CohortView {
  id: string;
  department: string;
  roleLevel: ComputedCohort['roleLevel'];
  peopleCount: number;
  taskCount: number;
  unconfirmedTaskCount: number;
  taskHours: number;
  coveredHours: number;
  gapTaskCount: number;
  /** Tasks counted in this version whose records are gone since (erased people, amended intakes). */
  removedTaskCount: number;
  concernScores: ConcernScores;
  modules: ModuleView[];
  gaps: Array<{ theme: string; terms: string[]; taskHours: number; tasks: Array<TaskView & { bestScore: number }> }>;
}

export interface ShortlistView {
  id: string;
  engagementId: string;
  version: number;
  latestVersion: number;
  status: ShortlistStatus;
  revision: number;
  computedAt: string;
  computedBy: string;
  moduleIds: string[];
  cohorts: CohortView[];
  notices: Notice[];
  carryOver?: CarryOverReport;
  decisionLog: DecisionLogEntry[];
}

/** What showing a version needs besides the version: today's task words and library. */
export interface PresentContext {
  /** Current task records by id; a task missing here is no longer on record. */
  taskText: ReadonlyMap<string, string>;
  availability(moduleId: string): ModuleAvailability;
  latestVersion: number;
}

/**
 * A stored version as the API shows it: modules in the consultant's order with their decisions,
 * task words read from today's records, and notices for anything that changed since it was computed
 * (modules that left the library or the engagement, tasks no longer on record).
 */
export function presentShortlist(stored: StoredShortlist, ctx: PresentContext): ShortlistView {
  const notices = [...stored.computed.notices];
  const cohorts = stored.computed.cohorts.map((cohort) => presentCohort(cohort, stored.review.find((r) => r.cohortId === cohort.id), ctx));
  addLibraryNotices(cohorts, notices);
  const removed = cohorts.filter((c) => c.removedTaskCount > 0);
  if (removed.length > 0) {
    const count = removed.reduce((sum, c) => sum + c.removedTaskCount, 0);
    notices.push({
      code: 'tasks-no-longer-on-record',
      message: `${count} task(s) counted in this version are no longer on record (a person was erased or an intake amended); they are left out here, but demand and coverage still include them. Compute a new version to refresh.`,
      cohortIds: removed.map((c) => c.id),
    });
  }
  return {
    id: stored.id,
    engagementId: stored.engagementId,
    version: stored.version,
    latestVersion: ctx.latestVersion,
    status: stored.status,
    revision: stored.revision,
    computedAt: stored.computedAt,
    computedBy: stored.computedBy,
    moduleIds: stored.computed.moduleIds,
    cohorts,
    notices,
    ...(stored.carryOver ? { carryOver: stored.carryOver } : {}),
    decisionLog: stored.decisionLog,
  };
}

function presentCohort(cohort: ComputedCohort, review: CohortReview | undefined, ctx: PresentContext): CohortView {
  const taskById = new Map(cohort.tasks.map((task) => [task.taskId, task]));
  const viewOf = (taskId: string): TaskView | undefined => {
    const task = taskById.get(taskId);
    const text = ctx.taskText.get(taskId);
    if (!task || text === undefined) return undefined;
    const { bestScore: _best, isGap: _gap, ...rest } = task;
    return { ...rest, text };
  };
  const modules = new Map(listedModules(cohort, review).map((m) => [m.moduleId, m]));
  const added = new Set((review?.added ?? []).map((m) => m.moduleId));
  const decisions = new Map((review?.modules ?? []).map((m) => [m.moduleId, m]));
  return {
    id: cohort.id,
    department: cohort.department,
    roleLevel: cohort.roleLevel,
    peopleCount: cohort.peopleCount,
    taskCount: cohort.taskCount,
    unconfirmedTaskCount: cohort.unconfirmedTaskCount,
    taskHours: cohort.taskHours,
    coveredHours: cohort.coveredHours,
    gapTaskCount: cohort.tasks.filter((t) => t.isGap).length,
    removedTaskCount: cohort.tasks.filter((t) => !ctx.taskText.has(t.taskId)).length,
    concernScores: cohort.concernScores,
    modules: orderedModuleIds(cohort, review).map((moduleId, i) => {
      const module = modules.get(moduleId)!;
      const decision = decisions.get(moduleId);
      const availability = ctx.availability(moduleId);
      return {
        moduleId,
        title: module.title,
        rank: module.rank ?? null,
        position: i + 1,
        decision: decision?.decision ?? 'pending',
        isPinned: decision?.decision === 'pinned',
        isAddedByConsultant: added.has(moduleId),
        isInLibrary: availability !== 'not-in-library',
        isInEngagement: availability === 'available',
        ...(decision?.note ? { note: decision.note } : {}),
        ...(decision ? { decidedBy: decision.decidedBy, decidedAt: decision.decidedAt } : {}),
        demand: module.demand,
        coverage: module.coverage,
        coveredHours: module.coveredHours,
        tasks: coveredTasks(module, viewOf),
      };
    }),
    gaps: cohort.gaps.map((gap) => ({
      theme: gap.theme,
      terms: gap.terms,
      taskHours: gap.taskHours,
      tasks: gap.taskIds.flatMap((taskId) => {
        const view = viewOf(taskId);
        return view ? [{ ...view, bestScore: taskById.get(taskId)!.bestScore }] : [];
      }),
    })),
  };
}

function coveredTasks(module: ComputedModule, viewOf: (taskId: string) => TaskView | undefined): ModuleView['tasks'] {
  return module.tasks.flatMap((covered) => {
    const view = viewOf(covered.taskId);
    return view ? [{ ...view, score: covered.score, evidence: covered.evidence, demand: covered.demand }] : [];
  });
}

/** Modules listed in this version that cannot be taught or approved any more: reported, never dropped. */
function addLibraryNotices(cohorts: CohortView[], notices: Notice[]): void {
  const cases = [
    { code: 'module-removed-from-library', isAffected: (m: ModuleView) => !m.isInLibrary, says: 'no longer in the training-module library (removed after this version was computed); {it} cannot be taught and approving {it} is refused' },
    { code: 'module-removed-from-engagement', isAffected: (m: ModuleView) => m.isInLibrary && !m.isInEngagement, says: 'no longer among the engagement\'s training modules; approving {it} is refused' },
  ];
  for (const { code, isAffected, says } of cases) {
    const affected = cohorts.flatMap((c) => c.modules.filter(isAffected).map((m) => ({ cohortId: c.id, moduleId: m.moduleId })));
    if (affected.length === 0) continue;
    const moduleIds = [...new Set(affected.map((a) => a.moduleId))].sort();
    const [noun, it] = moduleIds.length === 1 ? ['Training module', 'it'] : ['Training modules', 'them'];
    notices.push({ code, message: `${noun} ${moduleIds.join(', ')}: ${says.replaceAll('{it}', it)}.`, moduleIds, cohortIds: [...new Set(affected.map((a) => a.cohortId))] });
  }
}
