import { expect } from 'chai';
import { AnswerChecker } from '../../../src/intake/domain/check-answers.ts';
import { normaliseAnswers } from '../../../src/intake/domain/normalise-answers.ts';
import { dropHiddenAnswers } from '../../../src/intake/domain/visibility.ts';
import type { Answers, ComposedBank } from '../../../src/intake/index.ts';
import { buildBank, buildQuestion } from '../../support/question-bank-builders.ts';

function taskBank(): ComposedBank {
  return buildBank([
    buildQuestion({ id: 'jobTitle', required: true, maxLength: 120 }),
    buildQuestion({ id: 'aiUse', type: 'single', required: true, options: [{ value: 'never', label: 'Never' }, { value: 'daily', label: 'Daily' }] }),
    buildQuestion({ id: 'aiTools', type: 'multi', required: true, visibleIf: { question: 'aiUse', equals: 'daily' }, options: [{ value: 'chat', label: 'Chat' }, { value: 'code', label: 'Code' }] }),
    buildQuestion({ id: 'worry', type: 'scale', required: true }),
    buildQuestion({
      id: 'tasks', type: 'taskList', required: true, minItems: 3, maxItems: 10,
      fields: [
        buildQuestion({ id: 'description', required: true, maxLength: 1000 }),
        buildQuestion({ id: 'hoursPerWeek', type: 'number', required: true, min: 0, max: 80 }),
        buildQuestion({ id: 'tools', visibleIf: { question: 'hoursPerWeek', answered: true } }),
      ],
    }),
  ]);
}

function rows(count: number, extra: Answers = {}): Answers[] {
  return Array.from({ length: count }, (_v, i) => ({ description: `Task ${i + 1}`, hoursPerWeek: 2, ...extra }));
}

function check(answers: Answers, mode: 'draft' | 'complete') {
  return new AnswerChecker().check(taskBank(), 'test', answers, mode);
}

describe('AnswerChecker', () => {
  it('when a draft leaves required questions open, then it passes: drafts are type-checked, not required-checked', () => {
    const problems = check({ jobTitle: 'Accountant' }, 'draft');

    expect(problems).to.deep.equal([]);
  });

  it('when the same answers are checked for submission, then each unanswered required question gets exactly one problem', () => {
    const problems = check({ jobTitle: 'Accountant' }, 'complete');

    expect(problems.map((p) => p.questionId)).to.deep.equal(['aiUse', 'worry', 'tasks']);
    expect(problems.find((p) => p.questionId === 'tasks')!.message).to.equal('Add at least 3 rows.');
  });

  it('when a value has the wrong type or a Mongo operator, then the problem points at that answer', () => {
    const problems = check({ jobTitle: { $gt: '' }, worry: 7, aiUse: 'weekly' }, 'draft');

    expect(problems).to.deep.include({ questionId: 'jobTitle', pointer: '/answers/jobTitle', message: 'must be a string.' });
    expect(problems).to.deep.include({ questionId: 'worry', pointer: '/answers/worry', message: 'must be at most 5.' });
    expect(problems).to.deep.include({ questionId: 'aiUse', pointer: '/answers/aiUse', message: 'must be one of "never", "daily".' });
  });

  it('when an answer names a question the bank does not have, then it is refused, not stored', () => {
    const problems = check({ $where: 'x', salary: 1 }, 'draft');

    expect(problems.map((p) => p.questionId)).to.have.members(['$where', 'salary']);
    expect(problems[0].message).to.equal('This is not a question of your question bank.');
  });

  it('when a task description is longer than 1,000 characters, then even a draft is refused at that row', () => {
    const problems = check({ tasks: [...rows(1), { description: 'x'.repeat(1001), hoursPerWeek: 1 }] }, 'draft');

    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ questionId: 'tasks', pointer: '/answers/tasks/1/description' });
    expect(problems[0].message).to.contain('Row 2').and.contain('at most 1000 characters');
  });

  it('when a draft has 30 task rows, then it passes; with 31, then it is refused', () => {
    expect(check({ tasks: rows(30) }, 'draft')).to.deep.equal([]);

    const problems = check({ tasks: rows(31) }, 'draft');

    expect(problems).to.deep.equal([{ questionId: 'tasks', pointer: '/answers/tasks', message: 'can have at most 30 rows.' }]);
  });

  it('when a submission has more tasks than the bank allows, then it is refused with the bank bound', () => {
    const problems = check({ jobTitle: 'A', aiUse: 'never', worry: 2, tasks: rows(11) }, 'complete');

    expect(problems).to.deep.equal([{ questionId: 'tasks', pointer: '/answers/tasks', message: 'can have at most 10 rows.' }]);
  });

  it('when a conditional required question is shown, then submission needs it; when hidden, then it does not', () => {
    const base = { jobTitle: 'A', worry: 2, tasks: rows(3) };

    expect(check({ ...base, aiUse: 'daily' }, 'complete').map((p) => p.questionId)).to.deep.equal(['aiTools']);
    expect(check({ ...base, aiUse: 'never' }, 'complete')).to.deep.equal([]);
  });

  it('when several rows miss a field, then the task list still gets one problem naming each row', () => {
    const problems = check({ jobTitle: 'A', aiUse: 'never', worry: 2, tasks: [{ description: 'a' }, { description: 'b' }, ...rows(1)] }, 'complete');

    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('Row 1').and.contain('Row 2').and.contain('needs an answer');
  });
});

describe('AnswerChecker on a hostile body', () => {
  // Measured before the fix: 60,000 such fields kept the event loop busy for 47 s (each message was
  // looked up among all the earlier ones), freezing the service for everyone. Here it must finish
  // well inside mocha's timeout; speed itself is not asserted.
  it('when a task row carries 50,000 unknown fields, then the task list gets one problem naming only the first five', () => {
    const row: Answers = { description: 'Plan routes', hoursPerWeek: 2 };
    for (let i = 0; i < 50_000; i += 1) row[`k${i}`] = 1;

    const problems = check({ tasks: [row] }, 'draft');

    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('"k4"').and.not.to.contain('"k5"');
  });
});

describe('normaliseAnswers and dropHiddenAnswers', () => {
  it('when answers hold blanks, nulls and empty rows, then they are treated as unanswered', () => {
    const bank = taskBank();

    const answers = normaliseAnswers(bank.pages, { jobTitle: '  Accountant ', aiUse: null, aiTools: [], tasks: [{ description: ' ', hoursPerWeek: null }, { description: 'Close the books' }] });

    expect(answers).to.deep.equal({ jobTitle: 'Accountant', tasks: [{ description: 'Close the books' }] });
  });

  it('when visibleIf hides a question, then its answer is dropped on save rather than rejected', () => {
    const bank = taskBank();

    const answers = dropHiddenAnswers(bank.pages, { aiUse: 'never', aiTools: ['chat'], tasks: [{ description: 'a', tools: 'Excel' }, { description: 'b', hoursPerWeek: 1, tools: 'Excel' }] });

    expect(answers).to.deep.equal({ aiUse: 'never', tasks: [{ description: 'a' }, { description: 'b', hoursPerWeek: 1, tools: 'Excel' }] });
  });
});
