/**
 * What the schedule generator is given: plain data a route assembles from the engagement,
 * the approved shortlist, the library and the intakes. No dates are read from the clock.
 */

/** A rollout milestone of the engagement: the day a department's workflow changes. */
export interface MilestoneInput {
  /** Stable id; when absent one is derived from department, workflow and go-live. */
  id?: string;
  department: string;
  workflow: string;
  /** ISO date (`2026-04-30`) in the engagement's time zone; missing or invalid is flagged, not fatal. */
  goLive?: string | null;
}

export interface ExerciseInput {
  title: string;
  /** The real artifact participants bring or practise on. */
  artifact?: string;
  deliverable?: string;
  reflection?: string;
  /** A harder variant, used by the reinforcement sessions. */
  advanced?: string;
}

export type GuardrailTopic = 'data-privacy' | 'bias' | 'approval-chain' | 'accuracy' | 'transparency' | 'security';

export interface GuardrailInput {
  topic: GuardrailTopic;
  rule: string;
}

export interface MetricInput {
  name: string;
  direction?: 'increase' | 'decrease';
}

/** A reported work task the training module serves (from the shortlist), in the participant's words. */
export interface ServedTaskInput {
  taskId: string;
  text: string;
}

/** One approved training module of a cohort, in the consultant's order. */
export interface ApprovedModuleInput {
  moduleId: string;
  /**
   * False when the module left the library after the shortlist was made: it cannot be taught,
   * so it gets no session and is flagged `module-not-in-library`.
   */
  isInLibrary?: boolean;
  title: string;
  /** 60–90 in the library; 75 when missing. */
  durationMinutes?: number;
  /** The library's task phrases: used to tie the module to a milestone when no explicit link exists. */
  tasks?: string[];
  exercises?: ExerciseInput[];
  guardrails?: GuardrailInput[];
  metrics?: MetricInput[];
  /** Reported tasks the module covers in this cohort. */
  servesTasks?: ServedTaskInput[];
  /** Explicit link set by the consultant; wins over the automatic workflow match. */
  milestoneIds?: string[];
}

/**
 * Mean answers (1–5) of the cohort's members to the intake's concern scales.
 * Every scale reads "higher = more worried" except `comfortWithTechnology`, where a high
 * score is good news and is inverted (6 − mean) before it is compared with the threshold.
 * Override with the `invertedConcerns` option if a question bank words a scale the other way.
 */
export interface ConcernScores {
  /** How many members answered; 0 means the scores are unknown. */
  respondents: number;
  /** Worry that AI will take over parts of their job (5 = strongly worried). */
  jobDisplacement?: number | null;
  /** Comfort with new technology (5 = very comfortable; inverted). */
  comfortWithTechnology?: number | null;
  /** Doubt about the quality of AI output (5 = strongly doubts it). */
  trustInOutput?: number | null;
  /** Worry about compliance, privacy and rules (5 = strongly worried). */
  compliance?: number | null;
}

export type ConcernKey = Exclude<keyof ConcernScores, 'respondents'>;

/** What one manager answered about approvals and forbidden data, in their own words. */
export interface ManagerGuidanceInput {
  /** Who must approve AI output, and for what (e.g. "the controller signs off supplier e-mails"). */
  approvals?: string[];
  /** Data that must never go into AI tools (e.g. "customer bank details"). */
  forbiddenData?: string[];
}

export type RoleLevel = 'contributor' | 'manager' | 'leader';

export interface CohortInput {
  /** Stable cohort id from the shortlist (department × role level). */
  id: string;
  department: string;
  roleLevel: RoleLevel;
  memberCount: number;
  concernScores?: ConcernScores;
  /** Approved training modules in the consultant's order. */
  modules: ApprovedModuleInput[];
  /** Answers of the managers of this cohort's members. */
  managerGuidance?: ManagerGuidanceInput[];
}

export interface ScheduleInput {
  engagement: {
    id: string;
    /** IANA name, e.g. `Europe/Berlin`. */
    timeZone: string;
    milestones: MilestoneInput[];
  };
  /** The curriculum version this schedule becomes (the caller numbers versions). */
  version: number;
  /** Today's date in the engagement's time zone (`2026-03-02`), passed in so output is reproducible. */
  today: string;
  cohorts: CohortInput[];
}
