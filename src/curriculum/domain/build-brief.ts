import type { CohortModule, CurriculumCohortView, StoredCurriculum } from './curriculum-version.ts';
import { ROLE_RESPONSIBILITIES, type Responsibility } from './role-guidance.ts';
import type { GuardrailTopic, RoleLevel } from './schedule/schedule-input.ts';
import type { SessionKind } from './schedule/curriculum-document.ts';

/** Why a task of mine is not served, each said plainly in `UNCOVERED_REASONS`. */
export type UncoveredReason = 'gap' | 'module-not-approved' | 'module-withdrawn' | 'reported-after-planning';

export const UNCOVERED_REASONS: Readonly<Record<UncoveredReason, string>> = {
  gap: 'No training module covers this task yet. It is on the consultant\'s list of gaps, as a candidate for a custom module.',
  'module-not-approved': 'A training module matches this task, but it is not part of your group\'s programme this time.',
  'module-withdrawn': 'The training module chosen for this task has been withdrawn from the library; the consultant is choosing a replacement.',
  'reported-after-planning': 'This task was reported after the programme was planned; it will be considered the next time the programme is planned.',
};

/** A participant's task as the brief needs it (their own words, today's record). */
export interface MyTask {
  id: string;
  text: string;
  status: string;
}

/** A session of my cohort, without what other people wrote (the tasks it serves are theirs too). */
export interface BriefSessionView {
  id: string;
  kind: SessionKind;
  moduleId?: string;
  title: string;
  start: string;
  end: string;
  date: string;
  durationMinutes: number;
  deliverable?: string;
  reflection?: string;
  goLive?: string;
  isProvisional?: boolean;
}

/** The personal brief: the three answers every participant should be able to give. */
export interface PersonalBrief {
  engagement: { id: string; name: string; client: string; timeZone: string };
  curriculumVersion: number;
  publishedAt?: string;
  person: { id: string; name: string; department: string; roleLevel: RoleLevel };
  cohortId: string | null;
  /** 1. Where AI fits in my work: my tasks the programme serves, and those it does not serve yet. */
  tasks: {
    served: Array<{ taskId: string; text: string; modules: Array<{ moduleId: string; title: string }> }>;
    notYetCovered: Array<{ taskId: string; text: string; reason: UncoveredReason; explanation: string }>;
    summary: string;
  };
  /** 2. What good AI use looks like in my role. */
  goodAiUse: {
    roleLevel: RoleLevel;
    responsibilities: Responsibility[];
    guardrails: Array<{ topic: GuardrailTopic; rule: string }>;
    measures: Array<{ name: string; direction?: 'increase' | 'decrease' }>;
  };
  /** 3. When and how I start: my cohort's sessions, soonest first. */
  sessions: BriefSessionView[];
}

export interface BriefInputs {
  engagement: PersonalBrief['engagement'];
  person: PersonalBrief['person'];
  /** The person's task records today (rejected ones are left out here). */
  tasks: readonly MyTask[];
}

/**
 * Builds briefs from one published version: pure, so the page, the API and the mail agree. The
 * look-ups (person → cohort, task → training modules) are built once per version, because
 * publishing builds a brief for every participant.
 */
export function createBriefBuilder(curriculum: Pick<StoredCurriculum, 'document' | 'plan'>): (inputs: BriefInputs) => PersonalBrief {
  const { document, plan } = curriculum;
  const cohortOf = new Map<string, string>();
  for (const [cohortId, cohortPlan] of Object.entries(plan)) for (const personId of cohortPlan.personIds) cohortOf.set(personId, cohortId);
  const modulesOf = new Map<string, Map<string, CohortModule[]>>();
  for (const cohort of document.cohorts) {
    const byTask = new Map<string, CohortModule[]>();
    for (const module of cohort.modules) for (const task of module.servesTasks) byTask.set(task.taskId, [...(byTask.get(task.taskId) ?? []), module]);
    modulesOf.set(cohort.id, byTask);
  }
  const plannedTasks = new Map(Object.entries(plan).map(([id, p]) => [id, { taskIds: new Set(p.taskIds), gapTaskIds: new Set(p.gapTaskIds) }]));

  return (inputs) => {
    const cohortId = cohortOf.get(inputs.person.id) ?? null;
    const cohort = cohortId ? document.cohorts.find((c) => c.id === cohortId) : undefined;
    const served: PersonalBrief['tasks']['served'] = [];
    const notYetCovered: PersonalBrief['tasks']['notYetCovered'] = [];
    for (const task of inputs.tasks.filter((t) => t.status !== 'rejected')) {
      const modules = (cohortId ? modulesOf.get(cohortId)?.get(task.id) : undefined) ?? [];
      const taught = modules.filter((m) => m.isInLibrary);
      if (taught.length > 0) {
        served.push({ taskId: task.id, text: task.text, modules: taught.map((m) => ({ moduleId: m.moduleId, title: m.title })) });
      } else {
        const reason = uncoveredReason(task.id, modules.length > 0, cohortId ? plannedTasks.get(cohortId) : undefined);
        notYetCovered.push({ taskId: task.id, text: task.text, reason, explanation: UNCOVERED_REASONS[reason] });
      }
    }
    return {
      engagement: inputs.engagement,
      curriculumVersion: document.version,
      ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
      person: inputs.person,
      cohortId,
      tasks: { served, notYetCovered, summary: summarise(served.length, notYetCovered.length, cohort !== undefined) },
      goodAiUse: {
        roleLevel: inputs.person.roleLevel,
        responsibilities: ROLE_RESPONSIBILITIES[inputs.person.roleLevel].map((r) => ({ ...r })),
        guardrails: (cohort?.guardrails ?? []).map((g) => ({ topic: g.topic, rule: g.rule })),
        measures: cohort ? measuresOf(cohort, served.flatMap((t) => t.modules.map((m) => m.moduleId))) : [],
      },
      sessions: (cohort?.sessions ?? []).map(toBriefSession),
    };
  };
}

/** One person's brief (a builder for a single use). */
export function buildBrief(curriculum: Pick<StoredCurriculum, 'document' | 'plan'>, inputs: BriefInputs): PersonalBrief {
  return createBriefBuilder(curriculum)(inputs);
}

function uncoveredReason(taskId: string, hasWithdrawnModule: boolean, plan: { taskIds: Set<string>; gapTaskIds: Set<string> } | undefined): UncoveredReason {
  if (hasWithdrawnModule) return 'module-withdrawn';
  if (!plan || !plan.taskIds.has(taskId)) return 'reported-after-planning';
  return plan.gapTaskIds.has(taskId) ? 'gap' : 'module-not-approved';
}

function summarise(served: number, uncovered: number, isPlanned: boolean): string {
  if (!isPlanned && served + uncovered === 0) return 'You are not in any group of this programme: you have no reported tasks on record, so it plans no sessions for you.';
  if (!isPlanned) return 'You are not part of this version of the programme yet: your tasks were reported after it was planned, or your group changed. The consultant will include you when the programme is next planned.';
  if (served + uncovered === 0) return 'You have no reported tasks on record, so the programme serves none yet.';
  if (uncovered === 0) return `The programme serves all ${served} of your reported tasks.`;
  if (served === 0) return `The programme does not serve any of your ${uncovered} reported tasks yet; each is listed below with the reason.`;
  return `The programme serves ${served} of your ${served + uncovered} reported tasks; ${uncovered === 1 ? 'one is' : `${uncovered} are`} not covered yet, listed below with the reason.`;
}

/** The measures of the training modules serving my tasks first, then the rest of my cohort's; one entry per name. */
function measuresOf(cohort: CurriculumCohortView, myModuleIds: string[]): PersonalBrief['goodAiUse']['measures'] {
  const taught = cohort.modules.filter((m) => m.isInLibrary);
  const ordered = [...taught.filter((m) => myModuleIds.includes(m.moduleId)), ...taught.filter((m) => !myModuleIds.includes(m.moduleId))];
  const seen = new Set<string>();
  const measures: PersonalBrief['goodAiUse']['measures'] = [];
  for (const metric of ordered.flatMap((m) => m.metrics)) {
    const key = metric.name.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    measures.push({ name: metric.name, ...(metric.direction ? { direction: metric.direction } : {}) });
  }
  return measures;
}

function toBriefSession(session: CurriculumCohortView['sessions'][number]): BriefSessionView {
  const { id, kind, moduleId, title, start, end, date, durationMinutes, deliverable, reflection, goLive, isProvisional } = session;
  return {
    id, kind, ...(moduleId ? { moduleId } : {}), title, start, end, date, durationMinutes,
    ...(deliverable ? { deliverable } : {}), ...(reflection ? { reflection } : {}), ...(goLive ? { goLive } : {}), ...(isProvisional ? { isProvisional } : {}),
  };
}
