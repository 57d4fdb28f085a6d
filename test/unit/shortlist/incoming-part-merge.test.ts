import { expect } from 'chai';
import { INCOMING_PARTS_BEFORE_MERGE, partsToMerge } from '../../../src/shortlist/domain/incoming-part-merge.ts';

const parts = (...sizes: number[]) => sizes.map((entryCount, i) => ({ id: `p${i}`, entryCount }));

describe('partsToMerge', () => {
  it('when an engagement has fewer incoming parts than the threshold, then none is merged', () => {
    expect(partsToMerge(parts(...new Array(INCOMING_PARTS_BEFORE_MERGE - 1).fill(5)))).to.deep.equal([]);
  });

  it('when the parts are of one size, then all are merged', () => {
    expect(partsToMerge(parts(...new Array(INCOMING_PARTS_BEFORE_MERGE).fill(5)))).to.have.length(INCOMING_PARTS_BEFORE_MERGE);
  });

  it('when the largest parts are each at least all smaller ones together, then they are left and the small ones merged', () => {
    const merged = partsToMerge(parts(1, 1000, 3, 400, 2, 2, 1, 150));

    expect(merged.map((p) => p.entryCount).sort((a, b) => a - b)).to.deep.equal([1, 1, 2, 2, 3]);
  });

  it('when parts of one result each keep coming and are merged as told, then they stay few and each result is rewritten a few times in all', () => {
    let held: Array<{ id: number; entryCount: number }> = [];
    let rewritten = 0;
    let maxParts = 0;
    const arrivals = 5_000;
    for (let id = 0; id < arrivals; id += 1) {
      held.push({ id, entryCount: 1 });
      const merging = partsToMerge(held);
      if (merging.length > 0) {
        const entryCount = merging.reduce((sum, p) => sum + p.entryCount, 0);
        rewritten += entryCount;
        held = [...held.filter((p) => !merging.includes(p)), { id: -id, entryCount }];
      }
      maxParts = Math.max(maxParts, held.length);
    }

    expect(held.reduce((sum, p) => sum + p.entryCount, 0), 'no result lost').to.equal(arrivals);
    // Parts left alone at least double from one to the next: a handful beyond the threshold.
    expect(maxParts).to.be.at.most(INCOMING_PARTS_BEFORE_MERGE + Math.log2(arrivals));
    // Merging everything each time would rewrite about arrivals² / 16 = 1.5 million.
    expect(rewritten / arrivals, 'rewrites per result').to.be.below(Math.log2(arrivals));
  });
});
