import { expect } from 'chai';
import type { Person } from '../../../src/engagements/index.ts';
import type { TaskSummary } from '../../../src/intake/index.ts';
import { DEFAULT_PRIORITY, UNCONFIRMED_TASK_WEIGHT, weighTasks } from '../../../src/shortlist/domain/weigh-tasks.ts';

const person = (id: string, department = 'Finance'): Person => ({ id, engagementId: 'e', name: id, email: `${id}@x.test`, department, roleLevel: 'contributor', invitedAt: '2026-03-01T00:00:00Z' });
const record = (id: string, personId: string, status: TaskSummary['status'], priority?: number): TaskSummary => ({
  id, personId, text: `task ${id}`, hoursPerWeek: 2, status, ...(priority ? { priority } : {}),
});

describe('weighTasks', () => {
  it('when records are confirmed, submitted or rejected, then confirmed weigh fully, submitted are unconfirmed and weigh less, rejected are left out', () => {
    const tasks = weighTasks([record('1', 'p', 'confirmed', 5), record('2', 'p', 'submitted'), record('3', 'p', 'rejected', 4)], [person('p')]);

    expect(tasks.map((t) => [t.taskId, t.status, t.weight, t.priority, t.isPriorityDefault])).to.deep.equal([
      ['1', 'confirmed', 1, 5, false],
      ['2', 'unconfirmed', UNCONFIRMED_TASK_WEIGHT, DEFAULT_PRIORITY, true],
    ]);
    expect(UNCONFIRMED_TASK_WEIGHT).to.be.within(0.01, 0.99);
  });

  it('when a record belongs to someone no longer on the roster, then it is left out', () => {
    const tasks = weighTasks([record('1', 'gone', 'confirmed', 3), record('2', 'here', 'confirmed', 3)], [person('here', 'Operations')]);

    expect(tasks.map((t) => [t.taskId, t.department])).to.deep.equal([['2', 'Operations']]);
  });
});
