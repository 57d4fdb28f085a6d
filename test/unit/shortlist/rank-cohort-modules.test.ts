import { expect } from 'chai';
import type { ModuleMatch, TaskMatchResult } from '../../../src/matching/index.ts';
import { MATCHES_PER_TASK, measurePinnedModule, rankCohortModules, SECONDARY_MATCH_RATIO } from '../../../src/shortlist/domain/rank-cohort-modules.ts';
import type { WeighedTask } from '../../../src/shortlist/domain/weigh-tasks.ts';
import type { ComputedCohort } from '../../../src/shortlist/domain/shortlist.ts';

const MIN_SCORE = 0.2;

function task(taskId: string, hoursPerWeek: number, priority: number, weight = 1): WeighedTask {
  return {
    taskId, personId: `p-${taskId}`, text: taskId, department: 'Finance', roleLevel: 'contributor', hoursPerWeek, priority,
    isPriorityDefault: false, status: weight === 1 ? 'confirmed' : 'unconfirmed', weight,
  };
}

function match(moduleId: string, score: number): ModuleMatch {
  return { moduleId, score, evidence: { phrase: moduleId, sharedTerms: [], relatedTerms: [] } };
}

function results(byTask: Record<string, ModuleMatch[]>): (taskId: string) => TaskMatchResult {
  return (taskId) => ({ taskId, gap: (byTask[taskId][0]?.score ?? 0) < MIN_SCORE, matches: byTask[taskId] });
}

const title = (id: string) => `Title of ${id}`;

describe('rankCohortModules', () => {
  it('when tasks differ in score, priority, hours and confirmation, then demand is their sum of products and coverage the share of hours', () => {
    const tasks = [task('a', 4, 5), task('b', 10, 1), task('c', 2, 3, 0.5), task('gap', 4, 5)];
    const matchOf = results({ a: [match('invoices', 0.8)], b: [match('variance', 0.5)], c: [match('invoices', 0.6)], gap: [match('invoices', 0.1)] });

    const modules = rankCohortModules(tasks, matchOf, MIN_SCORE, title);

    expect(modules.map((m) => [m.moduleId, m.rank, m.demand, m.coverage, m.coveredHours])).to.deep.equal([
      ['invoices', 1, 0.8 * 5 * 4 + 0.6 * 3 * 2 * 0.5, (4 + 2) / 20, 6],
      ['variance', 2, 0.5 * 1 * 10, 10 / 20, 10],
    ]);
    expect(modules[0].title).to.equal('Title of invoices');
    expect(modules[0].tasks.map((t) => [t.taskId, t.demand])).to.deep.equal([['a', 16], ['c', 1.8]]);
  });

  it('when a task has several matches, then the next ones count only while they reach the threshold and a share of the best', () => {
    const best = 0.8;
    const matchOf = results({ a: [match('m1', best), match('m2', best * SECONDARY_MATCH_RATIO), match('m3', best * SECONDARY_MATCH_RATIO - 0.01), match('m4', 0.7)] });

    const modules = rankCohortModules([task('a', 1, 1)], matchOf, MIN_SCORE, title);

    expect(modules.map((m) => m.moduleId)).to.deep.equal(['m1', 'm2']);
    expect(MATCHES_PER_TASK).to.equal(3);
  });

  it('when two modules have the same demand, then the one covering more hours comes first, then the smaller id', () => {
    const matchOf = results({ a: [match('zeta', 0.5)], b: [match('beta', 0.25)], c: [match('alpha', 0.5)] });

    const modules = rankCohortModules([task('a', 2, 1), task('b', 4, 1), task('c', 2, 1)], matchOf, MIN_SCORE, title);

    expect(modules.map((m) => m.moduleId)).to.deep.equal(['beta', 'alpha', 'zeta']);
  });

  it('when the cohort reports no hours, then coverage is 0 rather than NaN', () => {
    const modules = rankCohortModules([task('a', 0, 3)], results({ a: [match('m', 0.9)] }), MIN_SCORE, title);

    expect(modules[0]).to.include({ demand: 0, coverage: 0 });
  });
});

describe('measurePinnedModule', () => {
  it('when a module is pinned in, then it covers the tasks it scores for as a listed module would, against the cohort\'s hours', () => {
    const tasks = [task('a', 3, 2), task('b', 5, 4)];
    const cohort = { taskHours: 10, tasks: [{ taskId: 'a', bestScore: 0.4 }, { taskId: 'b', bestScore: 0.9 }] } as ComputedCohort;

    const module = measurePinnedModule(cohort, tasks, { id: 'pinned', title: 'Pinned' }, (t) => match('pinned', t.taskId === 'a' ? 0.35 : 0.5), MIN_SCORE);

    expect(module).to.deep.include({ moduleId: 'pinned', title: 'Pinned', demand: 2.1, coverage: 0.3, coveredHours: 3 });
    expect(module.rank).to.equal(undefined);
  });
});
