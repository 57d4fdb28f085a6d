import type { MatchEvidence } from '../../matching/index.ts';
import type { RoleLevel } from '../../engagements/index.ts';

/**
 * The shortlist's data. A version has two parts: what was **computed** from the task records and the
 * library (immutable once stored), and the consultant's **review** of it (decisions, order, notes),
 * which changes with every PATCH. Task text is not part of either: it is read from the task records
 * when a version is shown, so erasing a person also erases their words from every version.
 */

/** `confirmed`: the manager confirmed or reworded it (or added it); `unconfirmed`: submitted, not yet reviewed. */
export type TaskConfirmation = 'confirmed' | 'unconfirmed';

/** One included task of a cohort, as weighed when the version was computed. */
export interface ComputedTask {
  taskId: string;
  personId: string;
  hoursPerWeek: number;
  priority: number;
  /** True when the manager gave no priority and `DEFAULT_PRIORITY` stood in. */
  isPriorityDefault: boolean;
  status: TaskConfirmation;
  /** 1 when confirmed, `UNCONFIRMED_TASK_WEIGHT` otherwise. */
  weight: number;
  /** The task's best score over the engagement's training modules (0 when there are none). */
  bestScore: number;
  isGap: boolean;
}

/** A task a training module covers, with what it adds to the module's demand. */
export interface CoveredTask {
  taskId: string;
  score: number;
  evidence: MatchEvidence;
  /** score × priority × hours × weight. */
  demand: number;
}

/** A training module on a cohort's list, as computed (or as measured when a consultant pinned it in). */
export interface ComputedModule {
  moduleId: string;
  title: string;
  /** 1 = highest demand; absent for a module the consultant added by pinning it. */
  rank?: number;
  demand: number;
  /** Share (0–1) of the cohort's reported task-hours this module covers. */
  coverage: number;
  coveredHours: number;
  tasks: CoveredTask[];
}

/** Gap tasks that resemble each other: a candidate for a custom training module. */
export interface GapTheme {
  /** The most representative words the tasks share, e.g. "plants, watering". */
  theme: string;
  terms: string[];
  taskHours: number;
  taskIds: string[];
}

/** Mean answers (1–5, higher = more worried) of a cohort's people, in the curriculum's vocabulary. */
export interface ConcernScores {
  respondents: number;
  jobDisplacement?: number;
  comfortWithTechnology?: number;
  trustInOutput?: number;
  compliance?: number;
}

export interface ComputedCohort {
  /** Stable and readable: slug of department and role level, e.g. `finance-contributor`. */
  id: string;
  department: string;
  roleLevel: RoleLevel;
  peopleCount: number;
  taskCount: number;
  unconfirmedTaskCount: number;
  taskHours: number;
  /** Hours of the tasks at least one training module covers (the others are gaps). */
  coveredHours: number;
  concernScores: ConcernScores;
  tasks: ComputedTask[];
  modules: ComputedModule[];
  gaps: GapTheme[];
}

/** Something the consultant should know about a version; never a silent omission. */
export interface Notice {
  code: string;
  message: string;
  moduleIds?: string[];
  cohortIds?: string[];
}

export interface ComputedShortlist {
  /** The training modules considered (the engagement's own, or the whole library). */
  moduleIds: string[];
  cohorts: ComputedCohort[];
  notices: Notice[];
}

export type ModuleDecision = 'approved' | 'rejected' | 'pinned';

/** The consultant's decision on one module of one cohort. */
export interface ModuleReview {
  moduleId: string;
  decision: ModuleDecision;
  note?: string;
  /** The 1-based position the consultant last asked for, re-applied when decisions are carried over. */
  position?: number;
  decidedBy: string;
  decidedAt: string;
}

export interface CohortReview {
  cohortId: string;
  /** Module ids in the consultant's order; absent until they reorder or pin one in. */
  order?: string[];
  modules: ModuleReview[];
  /** Modules pinned in that were not on the computed list, measured against the cohort's tasks. */
  added: ComputedModule[];
}

export type DecisionAction = 'compute' | 'approve' | 'reject' | 'pin' | 'approve-shortlist' | 'reopen';

/** One line of a version's decision log: who did what, when. */
export interface DecisionLogEntry {
  at: string;
  by: string;
  action: DecisionAction;
  cohortId?: string;
  moduleId?: string;
  position?: number;
  note?: string;
  /** `compute`: the version whose decisions were carried over. */
  fromVersion?: number;
}

/** Why a decision of the previous version could not be carried over to a new one. */
export type NotCarriedReason = 'cohort-gone' | 'module-not-listed' | 'module-not-available';

export interface CarryOverReport {
  fromVersion: number;
  carried: Array<{ cohortId: string; moduleId: string; decision: ModuleDecision }>;
  notCarried: Array<{ cohortId: string; moduleId: string; decision: ModuleDecision; note?: string; reason: NotCarriedReason; message: string }>;
}

export type ShortlistStatus = 'draft' | 'approved';

/** A stored version, as the repository returns it. */
export interface StoredShortlist {
  id: string;
  engagementId: string;
  version: number;
  status: ShortlistStatus;
  /** Bumped by every change, so concurrent reviews cannot overwrite each other. */
  revision: number;
  computedAt: string;
  computedBy: string;
  computed: ComputedShortlist;
  review: CohortReview[];
  decisionLog: DecisionLogEntry[];
  carryOver?: CarryOverReport;
  isSuperseded: boolean;
}
