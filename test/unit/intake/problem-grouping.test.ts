import { expect } from 'chai';
import { AnswerChecker } from '../../../src/intake/domain/check-answers.ts';
import { buildBank, buildQuestion } from '../../support/question-bank-builders.ts';

const BANK = buildBank([
  buildQuestion({ id: 'jobTitle', required: true }),
  buildQuestion({
    id: 'tasks', type: 'taskList', required: true, minItems: 1,
    fields: [buildQuestion({ id: 'description', required: true }), buildQuestion({ id: 'hoursPerWeek', type: 'number', required: true, min: 0, max: 80 })],
  }),
]);
const ANSWERS = { tasks: [{ description: 'File invoices', hoursPerWeek: 200 }, { hoursPerWeek: 'many' }] };

describe('AnswerChecker grouping', () => {
  it('when grouped per question (the API), then a task list with three bad fields is one problem', () => {
    const problems = new AnswerChecker().check(BANK, 'grouping', ANSWERS, 'complete');

    expect(problems.map((p) => p.questionId)).to.deep.equal(['jobTitle', 'tasks']);
  });

  it('when grouped per field (the pages), then each bad field is its own problem, pointing at that field', () => {
    const problems = new AnswerChecker().check(BANK, 'grouping', ANSWERS, 'complete', 'per-field');

    expect(problems.map((p) => p.pointer)).to.have.members(['/answers/jobTitle', '/answers/tasks/0/hoursPerWeek', '/answers/tasks/1/hoursPerWeek', '/answers/tasks/1/description']);
    expect(problems.find((p) => p.pointer === '/answers/tasks/0/hoursPerWeek')?.message).to.match(/^Row 1, .*at most 80/);
  });
});
