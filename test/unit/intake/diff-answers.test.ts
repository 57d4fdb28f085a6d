import { expect } from 'chai';
import { diffAnswers } from '../../../src/intake/domain/diff-answers.ts';
import { reportedTasks } from '../../../src/intake/domain/task-rows.ts';

describe('diffAnswers', () => {
  it('when answers change, then each change is listed by path and kind, never with the text', () => {
    const before = { jobTitle: 'Clerk', measures: ['cycle-time'], tasks: [{ description: 'Pay invoices', hoursPerWeek: 4 }] };
    const after = { jobTitle: 'Senior clerk', measures: ['cycle-time'], tasks: [{ description: 'Pay invoices', hoursPerWeek: 6, tools: 'SAP' }, { description: 'Close', hoursPerWeek: 2 }], worry: 3 };

    const changes = diffAnswers(before, after);

    expect(changes).to.deep.equal([
      { path: 'jobTitle', change: 'changed' },
      { path: 'tasks[0].hoursPerWeek', change: 'changed' },
      { path: 'tasks[0].tools', change: 'added' },
      { path: 'tasks[1]', change: 'added' },
      { path: 'worry', change: 'added' },
    ]);
    expect(JSON.stringify(changes)).to.not.contain('Senior').and.not.contain('SAP');
  });

  it('when nothing changed, then there is no change', () => {
    expect(diffAnswers({ a: ['x', 'y'] }, { a: ['x', 'y'] })).to.deep.equal([]);
  });
});

describe('reportedTasks', () => {
  it('when the tasks list has rows, then each becomes a reported task keeping its row number', () => {
    const tasks = reportedTasks({ tasks: [{ description: 'Match invoices', hoursPerWeek: 5, frequency: 'daily', dataSensitivity: ['confidential'] }] });

    expect(tasks).to.deep.equal([{ row: 0, text: 'Match invoices', hoursPerWeek: 5, frequency: 'daily', dataSensitivity: ['confidential'] }]);
  });
});
