import type { ModuleMatch, TaskMatchResult } from '../../matching/index.ts';
import type { ComputedCohort, ComputedModule, CoveredTask } from './shortlist.ts';
import type { WeighedTask } from './weigh-tasks.ts';

/**
 * A task counts towards up to three training modules, not only its best: a task often touches two
 * (a supplier e-mail about an invoice is both invoice work and e-mail drafting).
 */
export const MATCHES_PER_TASK = 3;

/**
 * A second or third module counts only when it scores at least this share of the task's best: then
 * the matcher sees it as nearly as relevant. Below that, the overlap is usually one shared word ("match
 * invoices…" against "matching a role to a job grade"), and counting it would credit a module with
 * hours it does not serve and fill every cohort's list with modules of other departments.
 */
export const SECONDARY_MATCH_RATIO = 0.75;

const DECIMALS = 1e4;
const round = (value: number) => Math.round(value * DECIMALS) / DECIMALS;

/**
 * A cohort's training modules, highest demand first (then coverage, then id): each module's demand
 * is Σ score × priority × hours per week × confirmation weight over the tasks it covers, and its
 * coverage the share of the cohort's reported task-hours those tasks make up.
 */
export function rankCohortModules(
  tasks: readonly WeighedTask[],
  matchOf: (taskId: string) => TaskMatchResult,
  minScore: number,
  titleOf: (moduleId: string) => string,
): ComputedModule[] {
  const covered = new Map<string, Array<{ task: WeighedTask; match: ModuleMatch }>>();
  for (const task of tasks) {
    const matches = matchOf(task.taskId).matches;
    const floor = coverageFloor(matches[0]?.score ?? 0, minScore);
    for (const match of matches.slice(0, MATCHES_PER_TASK)) {
      if (match.score < floor) break;
      const list = covered.get(match.moduleId) ?? [];
      list.push({ task, match });
      covered.set(match.moduleId, list);
    }
  }
  const hours = totalHours(tasks);
  const modules = [...covered].map(([moduleId, list]) => summariseModule(moduleId, titleOf(moduleId), list, hours));
  modules.sort((a, b) => b.demand - a.demand || b.coverage - a.coverage || (a.moduleId < b.moduleId ? -1 : 1));
  return modules.map((module, i) => ({ ...module, rank: i + 1 }));
}

/**
 * The part of a task's result the shortlist uses: the matches that cover it (a prefix, as matches come
 * best first and coverage is a floor), or only the best one when none does (its score is the task's
 * `bestScore`). Ranking with this part gives exactly what ranking with the whole result gives, and it
 * is what the match cache keeps.
 */
export function coveringPart(result: TaskMatchResult, minScore: number): TaskMatchResult {
  const floor = coverageFloor(result.matches[0]?.score ?? 0, minScore);
  let count = 0;
  while (count < Math.min(MATCHES_PER_TASK, result.matches.length) && result.matches[count].score >= floor) count += 1;
  const kept = Math.max(count, Math.min(1, result.matches.length));
  return kept === result.matches.length ? result : { ...result, matches: result.matches.slice(0, kept) };
}

/** The least score with which a module covers a task whose best score is `bestScore`. */
export function coverageFloor(bestScore: number, minScore: number): number {
  return Math.max(minScore, bestScore * SECONDARY_MATCH_RATIO);
}

/**
 * A module the consultant pinned onto a cohort's list although the matcher did not put it there. It
 * covers the tasks it scores as a listed module would have to (at least the gap threshold, and
 * `SECONDARY_MATCH_RATIO` of the task's best), whatever its rank; its coverage is a share of the
 * cohort's hours as computed, like every other module's.
 */
export function measurePinnedModule(
  cohort: ComputedCohort,
  tasks: readonly WeighedTask[],
  module: { id: string; title: string },
  scoreOf: (task: WeighedTask) => ModuleMatch | undefined,
  minScore: number,
): ComputedModule {
  const bestScore = new Map(cohort.tasks.map((task) => [task.taskId, task.bestScore]));
  const covered: Array<{ task: WeighedTask; match: ModuleMatch }> = [];
  for (const task of tasks) {
    const match = scoreOf(task);
    if (match && match.score >= coverageFloor(bestScore.get(task.taskId) ?? 0, minScore)) covered.push({ task, match });
  }
  return summariseModule(module.id, module.title, covered, cohort.taskHours);
}

/** Reported hours of a set of tasks (unweighted: coverage is about the work as reported). */
export function totalHours(tasks: readonly { hoursPerWeek: number }[]): number {
  return round(tasks.reduce((sum, task) => sum + task.hoursPerWeek, 0));
}

function summariseModule(moduleId: string, title: string, covered: Array<{ task: WeighedTask; match: ModuleMatch }>, cohortHours: number): ComputedModule {
  let demand = 0;
  let coveredHours = 0;
  const tasks: CoveredTask[] = covered.map(({ task, match }) => {
    const taskDemand = match.score * task.priority * task.hoursPerWeek * task.weight;
    demand += taskDemand;
    coveredHours += task.hoursPerWeek;
    return { taskId: task.taskId, score: match.score, evidence: match.evidence, demand: round(taskDemand) };
  });
  tasks.sort((a, b) => b.demand - a.demand || b.score - a.score || (a.taskId < b.taskId ? -1 : 1));
  return {
    moduleId,
    title,
    demand: round(demand),
    coverage: cohortHours > 0 ? round(coveredHours / cohortHours) : 0,
    coveredHours: round(coveredHours),
    tasks,
  };
}
