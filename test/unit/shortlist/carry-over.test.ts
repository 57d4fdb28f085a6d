import { expect } from 'chai';
import { carryOverDecisions } from '../../../src/shortlist/domain/carry-over.ts';
import type { CohortReview, ComputedCohort, ComputedModule, ComputedShortlist, ModuleReview } from '../../../src/shortlist/domain/shortlist.ts';

const module = (moduleId: string, rank?: number): ComputedModule => ({ moduleId, title: moduleId, ...(rank ? { rank } : {}), demand: 1, coverage: 0.1, coveredHours: 1, tasks: [] });
const cohort = (id: string, moduleIds: string[]): ComputedCohort => ({
  id, department: 'Finance', roleLevel: 'contributor', peopleCount: 1, taskCount: 1, unconfirmedTaskCount: 0, taskHours: 10, coveredHours: 1,
  concernScores: { respondents: 0 }, tasks: [], modules: moduleIds.map((m, i) => module(m, i + 1)), gaps: [],
});
const shortlist = (...cohorts: ComputedCohort[]): ComputedShortlist => ({ moduleIds: [], cohorts, notices: [] });
const decided = (moduleId: string, decision: ModuleReview['decision'], extra: Partial<ModuleReview> = {}): ModuleReview => ({ moduleId, decision, decidedBy: 'c1', decidedAt: '2026-03-01T10:00:00.000Z', ...extra });

describe('carryOverDecisions', () => {
  const inputs = (previousReview: CohortReview[], next: ComputedShortlist, unavailable: string[] = []) => ({
    fromVersion: 3,
    previous: shortlist(cohort('fin', ['a', 'b', 'c']), cohort('hr', ['x'])),
    previousReview,
    next,
    availability: (id: string) => (unavailable.includes(id) ? ('not-in-library' as const) : ('available' as const)),
    measure: (_c: ComputedCohort, moduleId: string) => module(moduleId),
  });

  it('when the consultant had moved modules, then their positions are applied again on top of the new ranking', () => {
    const review: CohortReview[] = [{ cohortId: 'fin', order: ['c', 'a', 'b'], modules: [decided('c', 'approved', { position: 1 }), decided('a', 'rejected')], added: [] }];

    const { review: carried, report } = carryOverDecisions(inputs(review, shortlist(cohort('fin', ['b', 'a', 'd', 'c']))));

    expect(carried[0].order).to.deep.equal(['c', 'b', 'a', 'd']);
    expect(carried[0].modules.map((m) => [m.moduleId, m.decision, m.decidedAt])).to.deep.equal([['c', 'approved', '2026-03-01T10:00:00.000Z'], ['a', 'rejected', '2026-03-01T10:00:00.000Z']]);
    expect(report).to.deep.equal({ fromVersion: 3, carried: [{ cohortId: 'fin', moduleId: 'c', decision: 'approved' }, { cohortId: 'fin', moduleId: 'a', decision: 'rejected' }], notCarried: [] });
  });

  it('when a pinned module is no longer listed, then it is brought back; an approved one is reported instead', () => {
    const review: CohortReview[] = [{ cohortId: 'fin', modules: [decided('a', 'pinned'), decided('b', 'approved', { note: 'Keep' })], added: [] }];

    const { review: carried, report } = carryOverDecisions(inputs(review, shortlist(cohort('fin', ['c']))));

    expect(carried[0].added.map((m) => m.moduleId)).to.deep.equal(['a']);
    expect(carried[0].order).to.deep.equal(['c', 'a']);
    expect(report.notCarried).to.deep.equal([{
      cohortId: 'fin', moduleId: 'b', decision: 'approved', note: 'Keep', reason: 'module-not-listed',
      message: 'b no longer covers any task of fin; pin it to keep it on the list.',
    }]);
  });

  it('when a cohort is gone or a module left the library, then those decisions are reported with the reason', () => {
    const review: CohortReview[] = [
      { cohortId: 'fin', modules: [decided('a', 'pinned'), decided('b', 'rejected')], added: [] },
      { cohortId: 'hr', modules: [decided('x', 'approved')], added: [] },
    ];

    const { review: carried, report } = carryOverDecisions(inputs(review, shortlist(cohort('fin', ['a', 'b'])), ['a', 'b']));

    expect(carried.map((r) => [r.cohortId, r.modules.map((m) => m.moduleId)])).to.deep.equal([['fin', ['b']]]);
    expect(report.notCarried.map((n) => [n.cohortId, n.moduleId, n.reason])).to.deep.equal([
      ['fin', 'a', 'module-not-available'],
      ['hr', 'x', 'cohort-gone'],
    ]);
  });
});
