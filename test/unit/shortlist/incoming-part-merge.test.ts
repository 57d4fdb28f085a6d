import { expect } from 'chai';
import { INCOMING_PARTS_BEFORE_MERGE, partsToMerge } from '../../../src/shortlist/domain/incoming-part-merge.ts';

const NEVER_FULL = Number.MAX_SAFE_INTEGER;
const parts = (...sizes: number[]) => sizes.map((entryCount, i) => ({ id: `p${i}`, entryCount }));

/** Writes `arrivals` parts of `batch` results, merging as told and splitting merges at `fullSize` as the repository does. */
function simulate(arrivals: number, batch: number, fullSize: number) {
  let held: Array<{ entryCount: number }> = [];
  let rewritten = 0;
  let mostOpen = 0;
  for (let i = 0; i < arrivals; i += 1) {
    held.push({ entryCount: batch });
    const merging = partsToMerge(held, fullSize);
    if (merging.length > 0) {
      let total = merging.reduce((sum, p) => sum + p.entryCount, 0);
      rewritten += total;
      held = held.filter((p) => !merging.includes(p));
      for (; total > 0; total -= fullSize) held.push({ entryCount: Math.min(fullSize, total) });
    }
    mostOpen = Math.max(mostOpen, held.filter((p) => p.entryCount < fullSize).length);
  }
  const kept = held.reduce((sum, p) => sum + p.entryCount, 0);
  return { kept, mostOpen, rewritesPerResult: rewritten / (arrivals * batch) };
}

describe('partsToMerge', () => {
  it('when an engagement has fewer incoming parts than the threshold, then none is merged', () => {
    expect(partsToMerge(parts(...new Array(INCOMING_PARTS_BEFORE_MERGE - 1).fill(5)), NEVER_FULL)).to.deep.equal([]);
  });

  it('when the parts are of one size, then all are merged', () => {
    expect(partsToMerge(parts(...new Array(INCOMING_PARTS_BEFORE_MERGE).fill(5)), NEVER_FULL)).to.have.length(INCOMING_PARTS_BEFORE_MERGE);
  });

  it('when the largest parts are each at least all smaller ones together, then they are left and the small ones merged', () => {
    const merged = partsToMerge(parts(1, 1000, 3, 400, 2, 2, 1, 150), NEVER_FULL);

    expect(merged.map((p) => p.entryCount).sort((a, b) => a - b)).to.deep.equal([1, 1, 2, 2, 3]);
  });

  it('when parts are full, then they are neither merged nor counted towards the threshold', () => {
    expect(partsToMerge(parts(100, 100, 100, 1, 1, 1, 1, 1), 100), 'five open parts').to.deep.equal([]);
    expect(partsToMerge(parts(100, 100, 60, 1, 1, 1, 1, 1, 1, 1), 100).map((p) => p.entryCount).sort((a, b) => a - b)).to.deep.equal([1, 1, 1, 1, 1, 1, 1]);
  });

  it('when parts of one result each keep coming and are merged as told, then they stay few and each result is rewritten a few times in all', () => {
    const arrivals = 5_000;
    const run = simulate(arrivals, 1, NEVER_FULL);

    expect(run.kept, 'no result lost').to.equal(arrivals);
    // Parts left alone at least double from one to the next: a handful beyond the threshold.
    expect(run.mostOpen).to.be.at.most(INCOMING_PARTS_BEFORE_MERGE + Math.log2(arrivals));
    // Merging everything each time would rewrite each result hundreds of times.
    expect(run.rewritesPerResult, 'rewrites per result').to.be.below(Math.log2(arrivals));
  });

  it('when far more results come than a part holds, then full parts are left alone and the rewrites stay bounded by the part size', () => {
    const fullSize = 200;
    const run = simulate(7_000, 8, fullSize);

    expect(run.kept).to.equal(7_000 * 8);
    expect(run.mostOpen).to.be.at.most(INCOMING_PARTS_BEFORE_MERGE + Math.log2(fullSize));
    expect(run.rewritesPerResult).to.be.below(Math.log2(fullSize));
  });
});
