import { expect } from 'chai';
import type { TaskMatchResult } from '../../../src/matching/index.ts';
import { MatchCache } from '../../../src/shortlist/domain/engagement-library.ts';

const result = (taskId: string): TaskMatchResult => ({ taskId, gap: false, matches: [] });

describe('MatchCache', () => {
  it('when it is full, then the least recently used result goes first', () => {
    const cache = new MatchCache(2);
    cache.set('a', result('a'));
    cache.set('b', result('b'));
    cache.get('a');

    cache.set('c', result('c'));

    expect([cache.get('a')?.taskId, cache.get('b'), cache.get('c')?.taskId]).to.deep.equal(['a', undefined, 'c']);
  });

  it('when two module sets are the same whatever their order, then they share a scope key; another set gets another', () => {
    const cache = new MatchCache();

    const first = cache.scopeKey(new Set(['x', 'y']));
    const same = cache.scopeKey(new Set(['y', 'x']));
    const other = cache.scopeKey(new Set(['x']));

    expect(same).to.equal(first);
    expect(other).to.not.equal(first);
  });
});
