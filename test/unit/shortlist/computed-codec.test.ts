import { expect } from 'chai';
import type { MatchEvidence } from '../../../src/matching/index.ts';
import { decodeComputed, encodeComputed } from '../../../src/shortlist/domain/computed-codec.ts';
import type { ComputedShortlist } from '../../../src/shortlist/domain/shortlist.ts';

const evidence = (phrase: string): MatchEvidence => ({ phrase, sharedTerms: ['invoices'], relatedTerms: [{ taskWord: 'bill', moduleWord: 'invoice', relation: 'synonym' }] });

/** A computed part with every kind of task: confirmed and unconfirmed, defaulted priority, a gap, a task under two modules. */
function computed(): ComputedShortlist {
  return {
    moduleIds: ['invoices', 'variance'],
    notices: [{ code: 'module-not-in-library', message: 'x', moduleIds: ['gone'] }],
    cohorts: [{
      id: 'finance-contributor', department: 'Finance', roleLevel: 'contributor', peopleCount: 2, taskCount: 3, unconfirmedTaskCount: 1,
      taskHours: 9.5, coveredHours: 8.5, concernScores: { respondents: 2, jobDisplacement: 3.5 },
      tasks: [
        { taskId: 't1', personId: 'p1', hoursPerWeek: 4, priority: 5, isPriorityDefault: false, status: 'confirmed', weight: 1, bestScore: 0.8123456789, isGap: false },
        { taskId: 't2', personId: 'p2', hoursPerWeek: 4.5, priority: 3, isPriorityDefault: true, status: 'unconfirmed', weight: 0.5, bestScore: 0.61, isGap: false },
        { taskId: 't3', personId: 'p2', hoursPerWeek: 1, priority: 3, isPriorityDefault: true, status: 'unconfirmed', weight: 0.5, bestScore: 0.12, isGap: true },
      ],
      modules: [
        { moduleId: 'invoices', title: 'Invoices', demand: 19.6, coverage: 0.8947, coveredHours: 8.5, rank: 1, tasks: [
          { taskId: 't1', score: 0.8123456789, evidence: evidence('matching invoices'), demand: 16.2469 },
          { taskId: 't2', score: 0.61, evidence: evidence('matching invoices'), demand: 4.1175 },
        ] },
        { moduleId: 'variance', title: 'Variance', demand: 1.2, coverage: 0.4737, coveredHours: 4.5, rank: 2, tasks: [{ taskId: 't2', score: 0.5, evidence: evidence('explaining variances'), demand: 3.375 }] },
      ],
      gaps: [{ theme: 'plants, watering', terms: ['plants', 'watering'], taskHours: 1, taskIds: ['t3'] }],
    }],
  };
}

describe('encodeComputed and decodeComputed', () => {
  it('when a computed part is stored and read back, then it is the same, equal evidence written once', () => {
    const original = computed();

    const stored = JSON.parse(JSON.stringify(encodeComputed(original)));
    const read = decodeComputed(stored);

    expect(read).to.deep.equal(original);
    expect(stored.format).to.equal(2);
    expect(stored.evidence).to.have.length(2);
  });

  it('when a version was stored before this format, then it is read as it is', () => {
    const plain = JSON.parse(JSON.stringify(computed()));

    expect(decodeComputed(plain)).to.deep.equal(computed());
  });

  it('when an evidence has a field the format does not know, then the plain form is stored, so nothing is lost', () => {
    const original = computed();
    (original.cohorts[0].modules[0].tasks[0].evidence as MatchEvidence & { extra?: number }).extra = 1;

    const stored = encodeComputed(original);

    expect(stored).to.equal(original);
  });
});
