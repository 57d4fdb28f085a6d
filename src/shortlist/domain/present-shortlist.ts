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
  // Called for every covered task of every module (tens of thousands): one literal, no spreads.
  const viewOf = (taskId: string): TaskView | undefined => {
    const task = taskById.get(taskId);
    const text = ctx.taskText.get(taskId);
    if (!task || text === undefined) return undefined;
    return {
      taskId: task.taskId, personId: task.personId, text, hoursPerWeek: task.hoursPerWeek, priority: task.priority,
      isPriorityDefault: task.isPriorityDefault, status: task.status, weight: task.weight,
    };
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
    gapTaskCount: count(cohort.tasks, (t) => t.isGap),
    removedTaskCount: count(cohort.tasks, (t) => !ctx.taskText.has(t.taskId)),
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
        const view = viewOf(taskId) as (TaskView & { bestScore: number }) | undefined;
        if (!view) return [];
        view.bestScore = taskById.get(taskId)!.bestScore;
        return [view];
      }),
    })),
  };
}

function coveredTasks(module: ComputedModule, viewOf: (taskId: string) => TaskView | undefined): ModuleView['tasks'] {
  const tasks: ModuleView['tasks'] = [];
  for (const covered of module.tasks) {
    // A fresh view per listing, extended in place: the same task under two modules has two scores.
    const view = viewOf(covered.taskId) as ModuleView['tasks'][number] | undefined;
    if (!view) continue;
    view.score = covered.score;
    view.evidence = covered.evidence;
    view.demand = covered.demand;
    tasks.push(view);
  }
  return tasks;
}

function count<T>(items: readonly T[], isCounted: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (isCounted(item)) n += 1;
  return n;
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
