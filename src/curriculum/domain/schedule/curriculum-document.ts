/**
 * The curriculum document: what `GET /api/v1/engagements/:id/curriculum` returns and what the
 * HTML, iCalendar and personal-brief renderings read. Mirrors `schemas/curriculum.schema.json`;
 * a unit test validates generated documents against it so the two cannot drift apart.
 */
import type { ConcernKey, GuardrailTopic, RoleLevel } from './schedule-input.ts';
import type { ScheduleOptions } from './schedule-options.ts';

export type SessionKind = 'opening' | 'training' | 'office-hours' | 'reinforcement';

export type FlagSeverity = 'warning' | 'info';

/** Something the consultant should look at; codes are stable kebab-case strings. */
export interface Flag {
  code: string;
  severity: FlagSeverity;
  message: string;
  moduleId?: string;
  milestoneId?: string;
  sessionId?: string;
}

export interface SessionExercise {
  title: string;
  artifact?: string;
  deliverable?: string;
  reflection?: string;
  /** Reinforcement sessions: the harder variant. */
  advanced?: string;
}

export interface Session {
  /** Unique within the cohort and stable across versions (`training-<moduleId>`, `opening`, …). */
  id: string;
  kind: SessionKind;
  moduleId?: string;
  title: string;
  /** ISO 8601 with offset, in the engagement's time zone: `2026-03-02T09:00:00+01:00`. */
  start: string;
  end: string;
  /** The local date of `start`. */
  date: string;
  durationMinutes: number;
  instructorMinutes?: number;
  practiceMinutes?: number;
  /** The practice assignment's output and the reflection prompt (from the first exercise). */
  deliverable?: string;
  reflection?: string;
  exercises?: SessionExercise[];
  /** Reported tasks this training module serves. */
  servesTasks?: { taskId: string; text: string }[];
  /** The measures the training module should move. */
  metrics?: string[];
  milestoneId?: string;
  goLive?: string;
  /** Training: calendar days from the session to go-live. */
  leadDays?: number;
  /** Follow-ups: the date the rule asked for (the session may sit later when the week is full). */
  targetDate?: string;
  /** Office hours: the training modules of the workflow it supports. */
  moduleIds?: string[];
  /** True for a training module with no milestone, placed as soon as possible until one is linked. */
  isProvisional?: boolean;
}

export interface Guardrail {
  topic: GuardrailTopic;
  rule: string;
  /** Training modules that carry this rule. */
  moduleIds: string[];
  /** How many managers asked for it. */
  managerCount: number;
}

export interface ConcernAssessment {
  respondents: number;
  threshold: number;
  /** Means on the "higher = more worried" scale (inverted scales already flipped). */
  adjusted: Partial<Record<ConcernKey, number>>;
  triggeredBy: ConcernKey[];
  needsOpening: boolean;
}

export interface CohortMilestone {
  id: string;
  workflow: string;
  goLive: string;
  moduleIds: string[];
}

export interface CurriculumCohort {
  id: string;
  department: string;
  roleLevel: RoleLevel;
  memberCount: number;
  concerns: ConcernAssessment;
  milestones: CohortMilestone[];
  guardrails: Guardrail[];
  /** Sorted by start. */
  sessions: Session[];
  flags: Flag[];
}

export interface Curriculum {
  engagementId: string;
  version: number;
  /** The `today` the schedule was planned from. */
  generatedOn: string;
  timeZone: string;
  options: ScheduleOptions;
  /** Engagement-wide problems (milestones without a go-live, duplicates). */
  flags: Flag[];
  cohorts: CurriculumCohort[];
}
