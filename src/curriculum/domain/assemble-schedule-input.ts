import type { Engagement, Person } from '../../engagements/index.ts';
import type { TrainingModule } from '../../library/index.ts';
import type { ApprovedModule, ApprovedShortlist } from '../../shortlist/index.ts';
import { concernMeans, concernScales, type IntakeAnswers } from './concern-means.ts';
import type { CohortModule, CohortPlan, Flag, RosterChanges } from './curriculum-version.ts';
import { managerGuidance, managersOf } from './manager-guidance.ts';
import { compareWithRoster } from './roster-changes.ts';
import { newFlag } from './schedule/new-flag.ts';
import type { ApprovedModuleInput, CohortInput, ConcernKey, ScheduleInput } from './schedule/schedule-input.ts';
import type { TaggedQuestions } from './tagged-questions.ts';
import { linkTaskGoLives } from './task-go-lives.ts';

/** A task record as far as the curriculum needs it. */
export interface TaskFacts {
  id: string;
  personId: string;
  status: string;
  goLive?: string;
}

/** Everything a version is generated from, read by the use case. */
export interface AssemblySources {
  engagement: Pick<Engagement, 'id' | 'timeZone' | 'milestones' | 'moduleIds'>;
  shortlist: ApprovedShortlist;
  /** People per cohort when the shortlist was computed (erased people included). */
  computedPeopleCounts: ReadonlyMap<string, number>;
  people: readonly Person[];
  tasks: readonly TaskFacts[];
  intakes: ReadonlyMap<string, IntakeAnswers>;
  tagged: TaggedQuestions;
  /** Today's library entry, or undefined when the training module left the library. */
  findModule(moduleId: string): TrainingModule | undefined;
  /** Today in the engagement's time zone. */
  today: string;
  version: number;
}

/** The generator's input and what the curriculum adds around its output. */
export interface AssembledInput {
  input: ScheduleInput;
  invertedConcerns: ConcernKey[];
  documentFlags: Flag[];
  cohortFlags: Map<string, Flag[]>;
  cohortModules: Map<string, CohortModule[]>;
  plan: Record<string, CohortPlan>;
  rosterChanges: RosterChanges;
}

/**
 * Turns the approved shortlist, the library, the intakes and the roster into the generator's input:
 * each cohort's approved training modules in the consultant's order with their full library data,
 * its concern means, its managers' guidance, and flags for everything the consultant should know.
 */
export function assembleScheduleInput(sources: AssemblySources): AssembledInput {
  const documentFlags: Flag[] = [];
  const cohortFlags = new Map<string, Flag[]>();
  const cohortModules = new Map<string, CohortModule[]>();
  const plan: Record<string, CohortPlan> = {};
  const cohorts: CohortInput[] = [];
  const { invertedConcerns } = concernScales(sources.tagged);

  const roster = compareWithRoster(sources.shortlist.version, sources.shortlist.cohorts.map((c) => ({
    id: c.id, department: c.department, roleLevel: c.roleLevel, personIds: c.personIds, taskIds: c.tasks.map((t) => t.taskId),
    computedPeopleCount: sources.computedPeopleCounts.get(c.id) ?? c.personIds.length,
  })), { people: sources.people, tasks: sources.tasks });
  documentFlags.push(...roster.flags);

  for (const cohort of sources.shortlist.cohorts) {
    if (cohort.personIds.length === 0) {
      documentFlags.push(newFlag('cohort-without-members', 'warning', `Cohort ${cohort.id} has nobody left on record (people erased or their tasks removed), so it has no sessions; re-run the shortlist.`));
      continue;
    }
    const flags: Flag[] = [];
    const modules = cohort.modules.map((module) => moduleInput(module, sources, flags));
    const concerns = concernMeans(cohort.personIds, sources.intakes, sources.tagged);
    const guidance = managerGuidance(managersOf(cohort.personIds, sources.people), sources.intakes, sources.tagged);
    if (guidance.length === 0) {
      flags.push(newFlag('managers-not-heard', 'info', 'No manager of this cohort\'s members has submitted answers on approvals and forbidden data yet, so its guardrails come from the training modules alone.'));
    }
    cohorts.push({
      id: cohort.id,
      department: cohort.department,
      roleLevel: cohort.roleLevel,
      memberCount: cohort.personIds.length,
      concernScores: concerns.scores,
      modules,
      managerGuidance: guidance,
    });
    cohortFlags.set(cohort.id, flags);
    cohortModules.set(cohort.id, cohort.modules.map((module) => cohortModule(module, sources.findModule(module.moduleId))));
    plan[cohort.id] = {
      personIds: [...cohort.personIds],
      taskIds: cohort.tasks.map((t) => t.taskId),
      gapTaskIds: cohort.tasks.filter((t) => t.isGap).map((t) => t.taskId),
    };
  }
  const goLiveOf = new Map(sources.tasks.flatMap((t): Array<[string, string]> => (t.goLive ? [[t.id, t.goLive]] : [])));
  const linked = linkTaskGoLives(cohorts, sources.engagement.milestones, goLiveOf, sources.engagement.timeZone);
  for (const [cohortId, flags] of linked.flags) cohortFlags.get(cohortId)!.push(...flags);
  const unmapped = concernScales(sources.tagged).unmappedQuestionIds;
  if (unmapped.length > 0) {
    documentFlags.push(newFlag('concern-scale-unmapped', 'info', `Concern questions that feed none of the four concern scales were not counted: ${unmapped.join(', ')}.`));
  }
  return {
    input: {
      engagement: { id: sources.engagement.id, timeZone: sources.engagement.timeZone, milestones: linked.milestones },
      version: sources.version,
      today: sources.today,
      cohorts: linked.cohorts,
    },
    invertedConcerns,
    documentFlags,
    cohortFlags,
    cohortModules,
    plan,
    rosterChanges: roster.changes,
  };
}

function moduleInput(module: ApprovedModule, sources: AssemblySources, flags: Flag[]): ApprovedModuleInput {
  const library = sources.findModule(module.moduleId);
  const servesTasks = module.servesTasks.map((t) => ({ taskId: t.taskId, text: t.text }));
  if (!library) return { moduleId: module.moduleId, isInLibrary: false, title: module.title, servesTasks };
  const own = sources.engagement.moduleIds;
  if (own.length > 0 && !own.includes(module.moduleId)) {
    flags.push(newFlag('module-not-in-engagement', 'info', `"${library.title}" is no longer one of the engagement's training modules; it was approved before, so it is still planned.`, { moduleId: module.moduleId }));
  }
  return {
    moduleId: module.moduleId,
    isInLibrary: true,
    title: library.title,
    ...(library.durationMinutes !== undefined ? { durationMinutes: library.durationMinutes } : {}),
    tasks: [...library.tasks],
    exercises: (library.exercises ?? []).map((e) => ({
      title: e.title, artifact: e.artifact, deliverable: e.deliverable, reflection: e.reflection, ...(e.advanced ? { advanced: e.advanced } : {}),
    })),
    guardrails: (library.guardrails ?? []).map((g) => ({ topic: g.topic, rule: g.rule })),
    metrics: (library.metrics ?? []).map((m) => ({ name: m.name, direction: m.direction })),
    servesTasks,
  };
}

function cohortModule(module: ApprovedModule, library: TrainingModule | undefined): CohortModule {
  return {
    moduleId: module.moduleId,
    title: library?.title ?? module.title,
    position: module.position,
    decision: module.decision,
    ...(module.note ? { note: module.note } : {}),
    isInLibrary: library !== undefined,
    demand: module.demand,
    coverage: module.coverage,
    servesTasks: module.servesTasks.map((t) => ({ taskId: t.taskId, text: t.text })),
    metrics: (library?.metrics ?? []).map((m) => ({ name: m.name, direction: m.direction })),
  };
}
