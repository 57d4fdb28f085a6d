import { expect } from 'chai';
import {
  buildModuleIndex, lexiconFromMap, matchTask, rankModulesForTask, type RelatedWord,
} from '../../../src/matching/index.ts';
import { buildTrainingModule } from './build-training-module.ts';

const spreadsheetBasics = buildTrainingModule({
  id: 'spreadsheet-basics',
  title: 'Spreadsheet basics',
  tasks: ['Build pivot tables from exported data', 'Clean spreadsheet columns before analysis'],
});
const customerCalls = buildTrainingModule({
  id: 'customer-calls',
  title: 'Customer calls',
  department: 'Customer Service',
  tasks: ['Answer customer calls about orders', 'Log the outcome of each call'],
});
const expenseClaims = buildTrainingModule({
  id: 'expense-claims',
  title: 'Expense claims',
  tasks: ['Check expense claims against the travel policy'],
});
const library = [spreadsheetBasics, customerCalls, expenseClaims];

describe('rankModulesForTask', () => {
  it('when the task is about pivot tables, then spreadsheet-basics ranks first', () => {
    const index = buildModuleIndex(library);

    const matches = rankModulesForTask(index, 'building pivot tables for the weekly report');

    expect(matches[0].moduleId).to.equal('spreadsheet-basics');
  });

  it('when modules are ranked, then scores lie in [0, 1] and never increase down the list', () => {
    const index = buildModuleIndex(library);

    const scores = rankModulesForTask(index, 'answer calls from customers about their orders').map((m) => m.score);

    expect(scores).to.have.length(3);
    for (const score of scores) expect(score).to.be.within(0, 1);
    expect([...scores].sort((a, b) => b - a)).to.deep.equal(scores);
  });

  it('when a module matches, then its evidence names the closest phrase and the shared words as the task wrote them', () => {
    const index = buildModuleIndex(library);

    const [best] = rankModulesForTask(index, 'building pivot tables');

    expect(best.evidence.phrase).to.equal('Build pivot tables from exported data');
    expect(best.evidence.sharedTerms).to.have.members(['building', 'pivot', 'tables']);
  });

  it('when a task word only relates to a module word through the lexicon, then that module wins and the relation is shown', () => {
    const invoices: RelatedWord = { word: 'bill', relation: 'synonym', sense: 0, depth: 0, pos: 'noun' };
    const lexicon = lexiconFromMap(new Map([['invoices', [invoices]]]));
    const billing = buildTrainingModule({ id: 'billing', title: 'Accounts payable', tasks: ['Check bills'] });
    const timesheets = buildTrainingModule({ id: 'timesheets', title: 'Timesheets', tasks: ['Check timesheets'] });
    const index = buildModuleIndex([timesheets, billing], { lexicon });

    const [best] = rankModulesForTask(index, 'check invoices');

    expect(best.moduleId).to.equal('billing');
    expect(best.evidence.relatedTerms).to.deep.equal([{ taskWord: 'invoices', moduleWord: 'bills', relation: 'synonym' }]);
  });

  it('when two modules score the same, then the smaller moduleId comes first', () => {
    const twinB = buildTrainingModule({ id: 'b-twin', title: 'Twin', tasks: ['Reconcile bank statements'] });
    const twinA = buildTrainingModule({ id: 'a-twin', title: 'Twin', tasks: ['Reconcile bank statements'] });
    const index = buildModuleIndex([twinB, twinA]);

    const matches = rankModulesForTask(index, 'reconcile bank statements');

    expect(matches.map((m) => m.moduleId)).to.deep.equal(['a-twin', 'b-twin']);
    expect(matches[0].score).to.equal(matches[1].score);
  });

  it('when the same task is ranked twice, or against the library in another order, then the results are identical', () => {
    const index = buildModuleIndex(library);
    const reordered = buildModuleIndex([...library].reverse());

    const first = rankModulesForTask(index, 'check claims against policy');
    const second = rankModulesForTask(index, 'check claims against policy');
    const fromReordered = rankModulesForTask(reordered, 'check claims against policy');

    expect(second).to.deep.equal(first);
    expect(fromReordered).to.deep.equal(first);
  });

  it('when a limit and a minimum score are given, then only that many modules at or above it are returned', () => {
    const index = buildModuleIndex(library);

    const limited = rankModulesForTask(index, 'pivot tables', { limit: 1 });
    const strict = rankModulesForTask(index, 'pivot tables', { minScore: 0.999 });

    expect(limited.map((m) => m.moduleId)).to.deep.equal(['spreadsheet-basics']);
    expect(strict).to.deep.equal([]);
  });

  it('when the task names a department, then a module of that department beats an equal one of another', () => {
    const finance = buildTrainingModule({ id: 'a-finance', department: 'Finance', tasks: ['Draft meeting notes'] });
    const hr = buildTrainingModule({ id: 'b-hr', department: 'Human Resources', tasks: ['Draft meeting notes'] });
    const index = buildModuleIndex([finance, hr]);

    const matches = rankModulesForTask(index, { text: 'draft meeting notes', department: 'human resources' });

    expect(matches[0].moduleId).to.equal('b-hr');
    expect(matches[1].score).to.be.below(matches[0].score);
  });

  it('when the task names a role level, then a module for that role beats an equal one for another role', () => {
    const leaders = buildTrainingModule({ id: 'a-leaders', roleLevels: ['leader'], tasks: ['Plan the quarterly budget'] });
    const managers = buildTrainingModule({ id: 'b-managers', roleLevels: ['manager'], tasks: ['Plan the quarterly budget'] });
    const index = buildModuleIndex([leaders, managers]);

    const [best] = rankModulesForTask(index, { text: 'plan the quarterly budget', roleLevel: 'manager' });

    expect(best.moduleId).to.equal('b-managers');
  });
});

describe('matchTask', () => {
  it('when no module covers the task, then it is a gap and the modules are still ranked', () => {
    const index = buildModuleIndex(library);

    const result = matchTask(index, { id: 't-1', text: 'Replace the brake pads of the delivery van' });

    expect(result.taskId).to.equal('t-1');
    expect(result.gap).to.equal(true);
    expect(result.matches).to.have.length(3);
  });

  it('when a module covers the task well, then it is not a gap', () => {
    const index = buildModuleIndex(library);

    const result = matchTask(index, { id: 't-2', text: 'Check expense claims against the travel policy' });

    expect(result.gap).to.equal(false);
    expect(result.matches[0].moduleId).to.equal('expense-claims');
  });

  it('when a threshold is passed, then it decides the gap instead of the calibrated one', () => {
    const index = buildModuleIndex(library);

    const result = matchTask(index, { text: 'Check expense claims against the travel policy' }, { minScore: 1.01 });

    expect(result.gap).to.equal(true);
  });
});
