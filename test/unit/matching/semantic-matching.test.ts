import { expect } from 'chai';
import {
  buildModuleIndex, NO_WORD_VECTORS, rankModulesForTask, withSettings, wordVectorsFromMap,
} from '../../../src/matching/index.ts';
import { expandWord } from '../../../src/matching/task-query.ts';
import { buildTrainingModule } from './build-training-module.ts';

// Hand-made 4-dimensional vectors: "confer" lies close to "discuss", "salary" close to "pay".
const vectors = wordVectorsFromMap(new Map([
  ['review', [0, 0, 0, 1]],
  ['discuss', [1, 0.1, 0, 0]],
  ['confer', [0.95, 0.2, 0, 0]],
  ['accounts', [0, 1, 0, 0.1]],
  ['pay', [0, 0, 1, 0]],
  ['salary', [0.1, 0, 0.95, 0]],
  ['rates', [0, 0.3, 0.3, 0.3]],
  ['timesheets', [0.3, 0.3, 0, 0.9]],
]));
const accountTalks = buildTrainingModule({ id: 'account-talks', title: 'Account talks', tasks: ['Discuss accounts with customers'] });
const payReviews = buildTrainingModule({ id: 'pay-reviews', title: 'Pay reviews', tasks: ['Review pay rates'] });
const timesheets = buildTrainingModule({ id: 'timesheets', title: 'Timesheets', tasks: ['Review timesheets'] });
const library = [accountTalks, payReviews, timesheets];

describe('rankModulesForTask with word vectors', () => {
  it('when a task word is close in vector space to a module word, then that module ranks first and the evidence says "similar"', () => {
    const index = buildModuleIndex(library, { wordVectors: vectors });

    const [best] = rankModulesForTask(index, 'confer about overdue invoices');

    expect(best.moduleId).to.equal('account-talks');
    expect(best.evidence.relatedTerms).to.deep.include({ taskWord: 'confer', moduleWord: 'discuss', relation: 'similar' });
  });

  it('when a neighbour is closer than the minimum but under the evidence cosine, then it counts in the score but is not shown', () => {
    const quiet = withSettings({ similarity: { evidenceMinCosine: 0.999 } });
    const index = buildModuleIndex(library, { wordVectors: vectors, settings: quiet });

    const [best] = rankModulesForTask(index, 'confer about overdue invoices');

    expect(best.moduleId).to.equal('account-talks');
    expect(best.evidence.relatedTerms).to.deep.equal([]);
  });

  it('when the cosine is under the minimum, then the words are not treated as related', () => {
    const strict = withSettings({ similarity: { minCosine: 0.999 } });
    const index = buildModuleIndex(library, { wordVectors: vectors, settings: strict });

    const [best] = rankModulesForTask(index, 'confer about overdue invoices');

    expect(best.evidence.relatedTerms).to.deep.equal([]);
  });

  it('when the task shares no word with any module, then the semantic channel still ranks the closest module first', () => {
    const index = buildModuleIndex(library, { wordVectors: vectors });

    const matches = rankModulesForTask(index, 'salary', { limit: 3 });

    expect(matches[0].moduleId).to.equal('pay-reviews');
    expect(matches[0].score).to.be.above(matches[2].score);
  });

  it('when no vectors are given, then scores are those of the lexical matcher alone', () => {
    const plain = buildModuleIndex(library);
    const explicit = buildModuleIndex(library, { wordVectors: NO_WORD_VECTORS });

    expect(rankModulesForTask(explicit, 'review pay rates')).to.deep.equal(rankModulesForTask(plain, 'review pay rates'));
    expect(rankModulesForTask(plain, 'salary', { limit: 3 }).every((m) => m.score === 0)).to.equal(true);
  });

  it('when the same task is ranked twice, or against the library in another order, then the results are identical', () => {
    const index = buildModuleIndex(library, { wordVectors: vectors });
    const reordered = buildModuleIndex([...library].reverse(), { wordVectors: vectors });

    const first = rankModulesForTask(index, 'confer about salary reviews', { limit: 3 });

    expect(rankModulesForTask(index, 'confer about salary reviews', { limit: 3 })).to.deep.equal(first);
    expect(rankModulesForTask(reordered, 'confer about salary reviews', { limit: 3 })).to.deep.equal(first);
  });

  it('when a word has more close library words than allowed, then only the closest stand in for it', () => {
    const loose = withSettings({ similarity: { minCosine: 0.1, maxNeighbours: 10 } });
    const oneNeighbour = withSettings({ similarity: { minCosine: 0.1, maxNeighbours: 1 } });

    const all = expandWord(buildModuleIndex(library, { wordVectors: vectors, settings: loose }), 'timesheets').alternatives;
    const closest = expandWord(buildModuleIndex(library, { wordVectors: vectors, settings: oneNeighbour }), 'timesheets').alternatives;

    expect(all.length).to.be.above(2);
    expect(closest.map((a) => [a.term, a.relation])).to.deep.equal([['timesheet', undefined], ['review', 'similar']]);
  });
});
