import { expect } from 'chai';
import { mergePageAnswers, readPageForm } from '../../../src/intake/entry-points/intake-form.ts';
import type { Page } from '../../../src/intake/index.ts';

const PAGE: Page = {
  id: 'work',
  title: 'Your work',
  questions: [
    { id: 'jobTitle', type: 'text', label: 'Job title' },
    { id: 'hours', type: 'number', label: 'Hours' },
    { id: 'contacts', type: 'number', label: 'Contacts per week', integer: true },
    { id: 'tools', type: 'multi', label: 'Tools', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
    { id: 'tasks', type: 'taskList', label: 'Tasks', fields: [{ id: 'description', type: 'text', label: 'What' }, { id: 'hoursPerWeek', type: 'number', label: 'Hours' }] },
  ],
};

describe('readPageForm', () => {
  it('when a page is posted, then each answer gets its type, blanks are dropped and numbers may use a decimal comma', () => {
    const form = readPageForm(PAGE, {
      'a.jobTitle': '  Clerk ', 'a.hours': '2,5', 'a.tools': ['a', 'b'], 'rows.tasks': '3', version: '4', shown: 'jobTitle hours', action: 'next',
      'a.tasks.0.description': 'File invoices', 'a.tasks.0.hoursPerWeek': 'many', 'a.tasks.1.description': ' ', 'a.tasks.2.description': 'Answer calls',
    });

    expect(form.answers).to.deep.equal({ jobTitle: 'Clerk', hours: 2.5, tools: ['a', 'b'], tasks: [{ description: 'File invoices', hoursPerWeek: 'many' }, { description: 'Answer calls' }] });
    expect(form.version).to.equal(4);
    expect([...form.shown]).to.deep.equal(['jobTitle', 'hours']);
    expect(form.action).to.deep.equal({ kind: 'next' });
  });

  it('when a whole number is typed with thousands separators, then it is read as that number, never as a decimal', () => {
    const answers = ['1,000', '12,500', '1.000', '2,5', '1,5000'].map((typed) => readPageForm(PAGE, { 'a.contacts': typed }).answers.contacts);

    expect(answers).to.deep.equal([1000, 12500, 1000, 2.5, 1.5]);
  });

  it('when "add another" is pressed, then the list shows one row more than before', () => {
    const form = readPageForm(PAGE, { 'rows.tasks': '3', action: 'add-row:tasks', 'a.tasks.0.description': 'File invoices' });

    expect(form.action).to.deep.equal({ kind: 'add-row', listId: 'tasks' });
    expect(form.rowCounts.tasks).to.equal(4);
  });

  it('when "remove" is pressed on a row, then that row is dropped and the others keep their order', () => {
    const form = readPageForm(PAGE, { 'rows.tasks': '3', action: 'remove-row:tasks:1', 'a.tasks.0.description': 'One', 'a.tasks.1.description': 'Two', 'a.tasks.2.description': 'Three' });

    expect(form.answers.tasks).to.deep.equal([{ description: 'One' }, { description: 'Three' }]);
    expect(form.rowCounts.tasks).to.equal(2);
  });

  it('when fields of other pages or unknown actions are posted, then they are ignored', () => {
    const form = readPageForm(PAGE, { 'a.salary': '100', action: 'delete-everything', 'rows.tasks': '999' });

    expect(form.answers).to.deep.equal({});
    expect(form.action).to.deep.equal({ kind: 'next' });
    expect(form.rowCounts.tasks).to.equal(30);
  });
});

describe('mergePageAnswers', () => {
  it('when a page is saved, then its questions take the new answers (cleared ones removed) and other pages keep theirs', () => {
    const merged = mergePageAnswers({ jobTitle: 'Old', hours: 3, elsewhere: 'kept' }, PAGE, { jobTitle: 'New' });

    expect(merged).to.deep.equal({ jobTitle: 'New', elsewhere: 'kept' });
  });
});
