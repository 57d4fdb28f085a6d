/** The curriculum component's public surface. The schedule itself is pure: plain data in, plain data out. */

/** Plans every cohort's sessions from the approved shortlist and the milestones; same input, same bytes. */
export { generateSchedule } from './domain/schedule/generate-schedule.ts';
/** Renders a curriculum (or some of its cohorts) as an iCalendar file, one VEVENT per session. */
export { renderCurriculumIcs, sessionUid, type IcsOptions } from './domain/render-curriculum-ics.ts';
/** The defaults of every schedule option, and the check that merges a caller's options into them. */
export { DEFAULT_SCHEDULE_OPTIONS, resolveScheduleOptions, type ScheduleOptions } from './domain/schedule/schedule-options.ts';
/** The generator's input: engagement, milestones, cohorts with approved modules, concerns, manager guidance. */
export type {
  ApprovedModuleInput,
  CohortInput,
  ConcernKey,
  ConcernScores,
  ExerciseInput,
  GuardrailInput,
  GuardrailTopic,
  ManagerGuidanceInput,
  MetricInput,
  MilestoneInput,
  RoleLevel,
  ScheduleInput,
  ServedTaskInput,
} from './domain/schedule/schedule-input.ts';
/** The curriculum document as stored and as returned by GET …/curriculum. */
export type {
  CohortMilestone,
  ConcernAssessment,
  Curriculum,
  CurriculumCohort,
  Flag,
  FlagSeverity,
  Guardrail,
  Session,
  SessionExercise,
  SessionKind,
} from './domain/schedule/curriculum-document.ts';
