import { expect } from 'chai';
import { pino } from 'pino';
import type { Person } from '../../../src/engagements/index.ts';
import { announceTasksWritten, type IntakeContext, type TasksWritten } from '../../../src/intake/use-cases/context.ts';

const person: Person = { id: 'p1', engagementId: 'e1', name: 'Ada', email: 'ada@northwind.test', department: 'Finance', roleLevel: 'contributor', invitedAt: '2026-03-02T09:00:00.000Z' };

function contextWith(onTasksWritten: IntakeContext['onTasksWritten']) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { ctx: { onTasksWritten, logger } as unknown as IntakeContext, lines };
}

describe('announceTasksWritten', () => {
  it('when tasks were written, then the listener hears their words with the person\'s department and role level', async () => {
    const heard: TasksWritten[] = [];
    const { ctx } = contextWith(async (written) => void heard.push(written));

    await announceTasksWritten(ctx, person, ['Match invoices']);

    expect(heard).to.deep.equal([{ engagementId: 'e1', department: 'Finance', roleLevel: 'contributor', texts: ['Match invoices'] }]);
  });

  it('when no words were written, then nobody is told', async () => {
    const heard: TasksWritten[] = [];
    const { ctx } = contextWith(async (written) => void heard.push(written));

    await announceTasksWritten(ctx, person, []);

    expect(heard).to.deep.equal([]);
  });

  it('when the listener fails, then the caller goes on (its change is saved) and a warning names the person, not the words', async () => {
    const { ctx, lines } = contextWith(async () => {
      throw new Error('matcher exploded');
    });

    await announceTasksWritten(ctx, person, ['Match invoices']);

    const warning = lines.find((line) => line.level === 40);
    expect(warning).to.include({ engagementId: 'e1', personId: 'p1' });
    expect(JSON.stringify(lines)).to.not.contain('Match invoices');
  });
});
