import { DateTime } from 'luxon';
import type {
  ApprovedModuleInput,
  CohortInput,
  Curriculum,
  MilestoneInput,
  ScheduleInput,
  Session,
  SessionKind,
} from '../../../src/curriculum/index.ts';

/** A training module a trainer could run; override what the test is about. */
export function buildModule(overrides: Partial<ApprovedModuleInput> & { moduleId: string }): ApprovedModuleInput {
  return {
    title: `Module ${overrides.moduleId}`,
    durationMinutes: 75,
    tasks: [],
    exercises: [{
      title: 'Practise on your own work',
      artifact: 'Last week\'s real example',
      deliverable: 'A reviewed draft',
      reflection: 'What did the assistant get wrong?',
      advanced: 'Do it for an exception case',
    }],
    guardrails: [],
    metrics: [{ name: 'cycle time', direction: 'decrease' }],
    ...overrides,
  };
}

export function buildCohort(overrides: Partial<CohortInput> = {}): CohortInput {
  return {
    id: 'finance-contributor',
    department: 'Finance',
    roleLevel: 'contributor',
    memberCount: 6,
    concernScores: { respondents: 6, jobDisplacement: 2, comfortWithTechnology: 4, trustInOutput: 2, compliance: 2 },
    modules: [],
    managerGuidance: [],
    ...overrides,
  };
}

/** Modules `m1`…`mN`, each explicitly tied to milestone `milestoneId`. */
export function buildLinkedModules(count: number, milestoneId: string, overrides: Partial<ApprovedModuleInput> = {}): ApprovedModuleInput[] {
  return Array.from({ length: count }, (_, i) => buildModule({ moduleId: `m${i + 1}`, milestoneIds: [milestoneId], ...overrides }));
}

export function buildScheduleInput(overrides: {
  timeZone?: string;
  today?: string;
  milestones?: MilestoneInput[];
  cohorts?: CohortInput[];
  version?: number;
} = {}): ScheduleInput {
  return {
    engagement: {
      id: 'eng-1',
      timeZone: overrides.timeZone ?? 'Europe/Berlin',
      milestones: overrides.milestones ?? [],
    },
    version: overrides.version ?? 1,
    today: overrides.today ?? '2026-03-02',
    cohorts: overrides.cohorts ?? [buildCohort()],
  };
}

/** The sessions of one cohort (the first by default), optionally of one kind. */
export function sessionsOf(curriculum: Curriculum, kind?: SessionKind, cohortId?: string): Session[] {
  const cohort = cohortId ? curriculum.cohorts.find((c) => c.id === cohortId) : curriculum.cohorts[0];
  if (!cohort) throw new Error(`No cohort ${cohortId}`);
  return cohort.sessions.filter((s) => !kind || s.kind === kind);
}

export function flagCodes(curriculum: Curriculum, cohortIndex = 0): string[] {
  return curriculum.cohorts[cohortIndex].flags.map((f) => f.code);
}

/** The session's start and end read back in the engagement's zone. */
export function localTimes(session: Session, zone: string): { start: DateTime; end: DateTime } {
  return {
    start: DateTime.fromISO(session.start, { setZone: true }).setZone(zone),
    end: DateTime.fromISO(session.end, { setZone: true }).setZone(zone),
  };
}

export function isoWeek(session: Session): string {
  return DateTime.fromISO(session.date).toFormat("kkkk-'W'WW");
}

/** How many sessions fall in each ISO week. */
export function sessionsPerWeek(sessions: Session[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const session of sessions) counts.set(isoWeek(session), (counts.get(isoWeek(session)) ?? 0) + 1);
  return counts;
}
