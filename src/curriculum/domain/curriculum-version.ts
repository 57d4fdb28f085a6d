/**
 * A stored curriculum version and the document the API shows for it: the generator's output plus
 * why each cohort gets its training modules (from the approved shortlist) and the version's state.
 */
import type { Curriculum, CurriculumCohort, Flag } from './schedule/curriculum-document.ts';
import type { RoleLevel } from './schedule/schedule-input.ts';

/** `draft` when generated; `published` once the consultant publishes it and the briefs are queued. */
export type CurriculumStatus = 'draft' | 'published';

/** A reported work task, in the participant's words (read from today's task records when shown). */
export interface TaskRef {
  taskId: string;
  text: string;
}

/** An approved training module of a cohort and why it is there: its demand, coverage and the tasks it serves. */
export interface CohortModule {
  moduleId: string;
  title: string;
  /** 1-based, in the consultant's order. */
  position: number;
  decision: 'approved' | 'pinned';
  note?: string;
  /** False when it left the library after the shortlist was approved: it has no session. */
  isInLibrary: boolean;
  /** Summed match score × priority × hours over the cohort's tasks it covers. */
  demand: number;
  /** Share (0–1) of the cohort's reported task-hours it covers. */
  coverage: number;
  servesTasks: TaskRef[];
  metrics: { name: string; direction?: 'increase' | 'decrease' }[];
}

/** What changed on the roster since the shortlist this version comes from was computed. */
export interface RosterChanges {
  shortlistVersion: number;
  /** People with reported tasks who are in none of the shortlist's cohorts (added or submitted since). */
  peopleNotInShortlist: number;
  /** People the shortlist counted who have no task on record any more (erased, or their tasks were rewritten). */
  peopleNoLongerOnRecord: number;
  /** People whose department or role level changed since; they stay planned with their old cohort. */
  peopleMoved: number;
  /** Tasks reported since by people who are in the shortlist. */
  tasksNotInShortlist: number;
  /** Shortlist tasks a manager has rejected since. */
  tasksRejectedSince: number;
}

export type CurriculumCohortView = CurriculumCohort & { modules: CohortModule[] };

/** The document `GET …/curriculum` returns. Fixed: `version` and `cohorts[].{id, department, roleLevel, sessions}`. */
export interface CurriculumView extends Omit<Curriculum, 'cohorts'> {
  status: CurriculumStatus;
  shortlistVersion: number;
  /** When the version was generated (an instant; `generatedOn` is the day it was planned from). */
  generatedAt: string;
  publishedAt?: string;
  rosterChanges: RosterChanges;
  cohorts: CurriculumCohortView[];
}

/** A version as the repository stores and returns it. */
export interface StoredCurriculum {
  id: string;
  engagementId: string;
  version: number;
  status: CurriculumStatus;
  shortlistId: string;
  generatedBy: string;
  publishedBy?: string;
  /** Task text is stripped before storing (see `withoutTaskText`). */
  document: CurriculumView;
  /** Who and what each cohort was planned for, by cohort id (kept out of the document the API shows). */
  plan: Record<string, CohortPlan>;
}

/** The people and tasks a cohort was planned for: a brief reads this, not today's department. */
export interface CohortPlan {
  personIds: string[];
  /** Every task of the approved shortlist in this cohort. */
  taskIds: string[];
  /** Those no training module of the engagement reached the gap threshold for. */
  gapTaskIds: string[];
}

/** One line of `GET …/curriculum/versions`. */
export interface CurriculumVersionSummary {
  version: number;
  status: CurriculumStatus;
  shortlistVersion: number;
  generatedOn: string;
  generatedAt: string;
  publishedAt?: string;
  cohortCount: number;
  sessionCount: number;
  warningCount: number;
}

/** A flag an assembly step adds to the generator's (same shape, same stable-code rule). */
export type { Flag, RoleLevel };

/**
 * Versions keep no task text: it is read from today's task records when a version is shown, so
 * erasing a person also erases their words from every version (as the shortlist does).
 */
export function withoutTaskText(view: CurriculumView): CurriculumView {
  return mapTasks(view, (tasks) => tasks.map((task) => ({ taskId: task.taskId, text: '' })));
}

/** The words of each task from today's records; a task no longer on record is left out. */
export function withTaskText(view: CurriculumView, textOf: ReadonlyMap<string, string>): CurriculumView {
  return mapTasks(view, (tasks) => tasks.flatMap((task) => {
    const text = textOf.get(task.taskId);
    return text === undefined ? [] : [{ taskId: task.taskId, text }];
  }));
}

function mapTasks(view: CurriculumView, map: (tasks: TaskRef[]) => TaskRef[]): CurriculumView {
  return {
    ...view,
    cohorts: view.cohorts.map((cohort) => ({
      ...cohort,
      sessions: cohort.sessions.map((session) => (session.servesTasks ? { ...session, servesTasks: map(session.servesTasks) } : session)),
      modules: cohort.modules.map((module) => ({ ...module, servesTasks: map(module.servesTasks) })),
    })),
  };
}

/** The summary of a version for the versions list. */
export function summariseVersion(view: CurriculumView): CurriculumVersionSummary {
  const flags = [...view.flags, ...view.cohorts.flatMap((c) => c.flags)];
  return {
    version: view.version,
    status: view.status,
    shortlistVersion: view.shortlistVersion,
    generatedOn: view.generatedOn,
    generatedAt: view.generatedAt,
    ...(view.publishedAt ? { publishedAt: view.publishedAt } : {}),
    cohortCount: view.cohorts.length,
    sessionCount: view.cohorts.reduce((sum, c) => sum + c.sessions.length, 0),
    warningCount: flags.filter((f) => f.severity === 'warning').length,
  };
}
