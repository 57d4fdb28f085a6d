// In-process sweeps for `npm run bench:match`: the few generic knobs, and leave-one-department-out.
import { buildModuleIndex, rankModulesForTask, withSettings, type SettingsOverrides, type WordLexicon, type WordVectors } from '../../src/matching/index.ts';
import type { Department, Scores } from './match-bench-data.ts';

export interface Candidate { label: string; overrides: SettingsOverrides }

/**
 * The grid: the coverage and semantic channel weights and the weight of a word-vector neighbour
 * (0 turns soft term matching off). Nothing in it names a word or a department.
 */
export function candidateGrid(): Candidate[] {
  const grid: Candidate[] = [];
  for (const coverage of [0.25, 0.5, 1]) {
    for (const semantic of [0, 0.25, 0.5, 1]) {
      for (const similar of [0, 0.5, 0.8, 1]) {
        grid.push({
          label: `coverage ${coverage}, semantic ${semantic}, neighbour ${similar}`,
          overrides: { channelWeights: { coverage, semantic }, similarity: { weight: similar } },
        });
      }
    }
  }
  return grid;
}

export interface DepartmentRun { slug: string; scores: Scores; inScopeBest: number[]; outOfScopeBest: number[] }

/** Ranks every dev task in-process with `overrides`; keeps the metrics and the best scores for gap calibration. */
export function evaluateDepartments(
  departments: Department[],
  overrides: SettingsOverrides,
  lexicon: WordLexicon,
  scoreRanking: (ranked: string[], gold: string[]) => Scores,
  wordVectors?: WordVectors,
  backgroundActivities?: readonly string[],
): DepartmentRun[] {
  const settings = withSettings(overrides);
  return departments.map((department) => {
    const index = buildModuleIndex(department.modules, { settings, lexicon, wordVectors, backgroundActivities });
    const total: Scores = { top1: 0, r3: 0, mrr: 0, ndcg3: 0 };
    const inScopeBest: number[] = [];
    for (const task of department.tasks) {
      const matches = rankModulesForTask(index, task, { limit: department.modules.length });
      inScopeBest.push(matches[0]?.score ?? 0);
      const s = scoreRanking(matches.map((m) => m.moduleId), department.qrels.get(String(task.id)) ?? []);
      for (const key of Object.keys(total) as (keyof Scores)[]) total[key] += s[key];
    }
    for (const key of Object.keys(total) as (keyof Scores)[]) total[key] /= department.tasks.length;
    const outOfScopeBest = department.outOfScope.map((task) => rankModulesForTask(index, task, { limit: 1 })[0]?.score ?? 0);
    return { slug: department.slug, scores: total, inScopeBest, outOfScopeBest };
  });
}

export function macro(runs: readonly DepartmentRun[], key: keyof Scores): number {
  return runs.reduce((sum, run) => sum + run.scores[key], 0) / runs.length;
}

/** Gap detection at a threshold: share of out-of-scope tasks flagged, share of in-scope tasks wrongly flagged. */
export function gapRates(runs: readonly DepartmentRun[], threshold: number): { flagged: number; wronglyFlagged: number } {
  const rate = (values: number[]) => (values.length ? values.filter((v) => v < threshold).length / values.length : 0);
  const flagged = runs.reduce((s, r) => s + rate(r.outOfScopeBest), 0) / runs.length;
  const wronglyFlagged = runs.reduce((s, r) => s + rate(r.inScopeBest), 0) / runs.length;
  return { flagged, wronglyFlagged };
}

/** The threshold flagging the most out-of-scope tasks while wrongly flagging at most `maxWrong` of in-scope ones. */
export function chooseThreshold(runs: readonly DepartmentRun[], maxWrong = 0.1): number {
  const candidates = [...new Set(runs.flatMap((r) => r.inScopeBest))].sort((a, b) => a - b);
  let best = 0;
  for (const threshold of candidates) {
    if (gapRates(runs, threshold).wronglyFlagged <= maxWrong) best = threshold;
    else break;
  }
  return best;
}

export interface LeaveOneOutRow { heldOut: string; chosen: string; threshold: number; ndcg3: number; top1: number; flagged: number; wronglyFlagged: number }

/** For each department: pick the grid point and threshold on the other three, report on it. */
export function leaveOneDepartmentOut(grid: readonly Candidate[], runsByCandidate: readonly DepartmentRun[][]): LeaveOneOutRow[] {
  const slugs = runsByCandidate[0].map((run) => run.slug);
  return slugs.map((heldOut) => {
    const others = (runs: readonly DepartmentRun[]) => runs.filter((run) => run.slug !== heldOut);
    let bestIndex = 0;
    runsByCandidate.forEach((runs, i) => {
      if (macro(others(runs), 'ndcg3') > macro(others(runsByCandidate[bestIndex]), 'ndcg3') + 1e-12) bestIndex = i;
    });
    const runs = runsByCandidate[bestIndex];
    const threshold = chooseThreshold(others(runs));
    const held = runs.filter((run) => run.slug === heldOut);
    return { heldOut, chosen: grid[bestIndex].label, threshold, ndcg3: held[0].scores.ndcg3, top1: held[0].scores.top1, ...gapRates(held, threshold) };
  });
}
