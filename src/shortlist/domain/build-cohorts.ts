import type { TaskMatchResult } from '../../matching/index.ts';
import { orderAndNameCohorts } from './cohort-ids.ts';
import { summariseConcerns, type IntakeAnswers } from './concern-scores.ts';
import { groupGapTasks } from './group-gaps.ts';
import { rankCohortModules, totalHours } from './rank-cohort-modules.ts';
import type { ComputedCohort, ComputedTask } from './shortlist.ts';
import type { WeighedTask } from './weigh-tasks.ts';

export interface CohortInputs {
  tasks: readonly WeighedTask[];
  matchOf: (taskId: string) => TaskMatchResult;
  minScore: number;
  titleOf: (moduleId: string) => string;
  /** The engagement's departments, in its order (cohorts follow it). */
  departments: readonly string[];
  intakes: ReadonlyMap<string, IntakeAnswers>;
}

/**
 * One cohort per department × role level that has tasks (people without included tasks form none):
 * its weighed tasks, its training modules by demand, its gaps grouped into themes, and its concern
 * scores. Pure: the same inputs give the same cohorts.
 */
export function buildCohorts(inputs: CohortInputs): ComputedCohort[] {
  const byKey = new Map<string, { department: string; roleLevel: WeighedTask['roleLevel']; tasks: WeighedTask[] }>();
  for (const task of inputs.tasks) {
    const key = `${task.department}\u0000${task.roleLevel}`;
    const group = byKey.get(key) ?? { department: task.department, roleLevel: task.roleLevel, tasks: [] };
    group.tasks.push(task);
    byKey.set(key, group);
  }
  return orderAndNameCohorts([...byKey.values()], inputs.departments).map((group) => buildCohort(group.id, group, inputs));
}

function buildCohort(id: string, group: { department: string; roleLevel: WeighedTask['roleLevel']; tasks: WeighedTask[] }, inputs: CohortInputs): ComputedCohort {
  const tasks: ComputedTask[] = group.tasks.map((task) => {
    const result = inputs.matchOf(task.taskId);
    return {
      taskId: task.taskId,
      personId: task.personId,
      hoursPerWeek: task.hoursPerWeek,
      priority: task.priority,
      isPriorityDefault: task.isPriorityDefault,
      status: task.status,
      weight: task.weight,
      bestScore: result.matches[0]?.score ?? 0,
      isGap: result.gap,
    };
  });
  const gapTasks = group.tasks.filter((task) => inputs.matchOf(task.taskId).gap);
  const personIds = [...new Set(group.tasks.map((task) => task.personId))];
  return {
    id,
    department: group.department,
    roleLevel: group.roleLevel,
    peopleCount: personIds.length,
    taskCount: tasks.length,
    unconfirmedTaskCount: tasks.filter((task) => task.status === 'unconfirmed').length,
    taskHours: totalHours(tasks),
    coveredHours: totalHours(tasks.filter((task) => !task.isGap)),
    concernScores: summariseConcerns(personIds, inputs.intakes),
    tasks,
    modules: rankCohortModules(group.tasks, inputs.matchOf, inputs.minScore, inputs.titleOf),
    gaps: groupGapTasks(gapTasks),
  };
}
