import { expect } from 'chai';
import type { TaskMatchResult } from '../../../src/matching/index.ts';
import { cachedUnion } from '../../../src/shortlist/domain/cached-results.ts';

const result = (moduleId: string): TaskMatchResult => ({ taskId: undefined, gap: false, matches: [{ moduleId, score: 0.6, evidence: { phrase: 'a phrase', sharedTerms: [], relatedTerms: [] } }] });

describe('cachedUnion', () => {
  it('when keys are in several sources, then the first source that has one answers, and the rest are looked up in turn', () => {
    const stored = new Map([['k1', result('stored')]]);
    const held = new Map([['k1', result('held')], ['k2', result('held')]]);

    const cached = cachedUnion(stored, new Map(), held);

    expect(cached.get('k1')?.matches[0].moduleId).to.equal('stored');
    expect(cached.get('k2')?.matches[0].moduleId).to.equal('held');
    expect([cached.has('k2'), cached.has('k3'), cached.get('k3')]).to.deep.equal([true, false, undefined]);
    expect(cached.size, 'only whether anything is cached').to.equal(3);
  });

  it('when only one source has entries, then it is used as it is, without a copy; with none, nothing is cached', () => {
    const held = new Map([['k1', result('held')]]);

    expect(cachedUnion(new Map(), held)).to.equal(held);
    expect(cachedUnion(new Map(), new Map()).size).to.equal(0);
  });
});
