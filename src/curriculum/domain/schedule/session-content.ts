import type { Session, SessionExercise } from './curriculum-document.ts';
import type { Milestone } from './link-milestones.ts';
import type { ApprovedModuleInput, ExerciseInput } from './schedule-input.ts';
import type { ScheduleOptions } from './schedule-options.ts';

/** Everything about a session except when it is. */
export type SessionContent = Omit<Session, 'start' | 'end' | 'date'>;

export function trainingSessionId(moduleId: string): string {
  return `training-${moduleId}`;
}

/** The module's own duration, else the default; a value outside what a working day holds is the caller's check. */
export function trainingMinutes(module: ApprovedModuleInput, options: ScheduleOptions): number {
  const minutes = module.durationMinutes;
  return Number.isInteger(minutes) && (minutes as number) > 0 ? (minutes as number) : options.defaultTrainingMinutes;
}

/**
 * About 40 % instructor-led, the rest practice on the participants' own artifacts.
 * Rounded to 5 minutes because a trainer plans in blocks, not in 24-minute slices.
 */
export function splitMinutes(total: number, instructorShare: number): { instructorMinutes: number; practiceMinutes: number } {
  const instructorMinutes = Math.min(total, Math.round((total * instructorShare) / 5) * 5);
  return { instructorMinutes, practiceMinutes: total - instructorMinutes };
}

export function trainingContent(module: ApprovedModuleInput, options: ScheduleOptions, milestone: Milestone | null): SessionContent {
  const durationMinutes = trainingMinutes(module, options);
  const exercises = (module.exercises ?? []).map(toSessionExercise);
  const lead = exercises[0];
  return {
    id: trainingSessionId(module.moduleId),
    kind: 'training',
    moduleId: module.moduleId,
    title: module.title,
    durationMinutes,
    ...splitMinutes(durationMinutes, options.instructorShare),
    ...(lead?.deliverable ? { deliverable: lead.deliverable } : {}),
    ...(lead?.reflection ? { reflection: lead.reflection } : {}),
    exercises,
    servesTasks: (module.servesTasks ?? []).map((task) => ({ taskId: task.taskId, text: task.text })),
    metrics: (module.metrics ?? []).map((metric) => metric.name),
    ...(milestone ? { milestoneId: milestone.id, goLive: milestone.goLive } : { isProvisional: true }),
  };
}

/** Revisits the module with the harder variants; without any, the same exercises on a new artifact. */
export function reinforcementContent(module: ApprovedModuleInput, options: ScheduleOptions, milestone: Milestone, afterDays: number, targetDate: string): SessionContent {
  const durationMinutes = options.reinforcementMinutes;
  const all = module.exercises ?? [];
  const advanced = all.filter((exercise) => exercise.advanced);
  return {
    id: `reinforcement-${module.moduleId}-d${afterDays}`,
    kind: 'reinforcement',
    moduleId: module.moduleId,
    title: `Reinforcement (day ${afterDays}): ${module.title}`,
    durationMinutes,
    ...splitMinutes(durationMinutes, options.instructorShare),
    exercises: (advanced.length > 0 ? advanced : all).map(toSessionExercise),
    metrics: (module.metrics ?? []).map((metric) => metric.name),
    milestoneId: milestone.id,
    goLive: milestone.goLive,
    targetDate,
  };
}

export function officeHoursContent(milestone: Milestone, moduleIds: string[], options: ScheduleOptions, afterDays: number, targetDate: string): SessionContent {
  const when = afterDays % 7 === 0 ? `week ${afterDays / 7}` : `day ${afterDays}`;
  return {
    id: `office-hours-${milestone.id}-d${afterDays}`,
    kind: 'office-hours',
    title: `Office hours (${when} after go-live): ${milestone.workflow}`,
    durationMinutes: options.officeHoursMinutes,
    milestoneId: milestone.id,
    goLive: milestone.goLive,
    targetDate,
    moduleIds: [...moduleIds],
  };
}

export function openingContent(options: ScheduleOptions): SessionContent {
  return {
    id: 'opening',
    kind: 'opening',
    title: 'Opening: concerns, questions and psychological safety',
    durationMinutes: options.openingMinutes,
  };
}

function toSessionExercise(exercise: ExerciseInput): SessionExercise {
  const out: SessionExercise = { title: exercise.title };
  if (exercise.artifact) out.artifact = exercise.artifact;
  if (exercise.deliverable) out.deliverable = exercise.deliverable;
  if (exercise.reflection) out.reflection = exercise.reflection;
  if (exercise.advanced) out.advanced = exercise.advanced;
  return out;
}
