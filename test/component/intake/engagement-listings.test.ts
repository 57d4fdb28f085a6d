import { expect } from 'chai';
import request from 'supertest';
import { listAnswerSummaries, listTaskRecords, listTaskSummaries, listTaskTexts } from '../../../src/intake/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer, createEngagement, submittedReport } from '../../support/intake-builders.ts';

describe('listTaskSummaries, listTaskTexts and listAnswerSummaries (the shortlist\'s lean reads)', () => {
  const db = useTestDatabase('intake_listings');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  /** A submitted intake whose manager rejected the first task, rewrote the second, confirmed the rest with priority 4 and added one. */
  async function reviewedReport(): Promise<{ engagementId: string; personId: string }> {
    const { engagement, manager, person, tasks } = await submittedReport(t.app, t.adminToken);
    await request(t.app).put(`/api/v1/me/reports/${person.id}/review`).set(bearer(manager.token)).send({
      tasks: tasks.map((task, i) => (i === 0 ? { taskId: task.id, decision: 'reject' } : i === 1 ? { taskId: task.id, decision: 'edit', text: 'Reconcile the supplier statements', priority: 2 } : { taskId: task.id, decision: 'confirm', priority: 4 })),
      addedTasks: [{ text: 'Approve supplier master-data changes', hoursPerWeek: 1, priority: 5, goLive: '2026-07-01' }],
    });
    return { engagementId: engagement.id, personId: person.id };
  }

  it('when a reviewed report\'s tasks are listed, then each record gives its id, person, current words, hours, status and priority, as the full listing does', async () => {
    const { engagementId, personId } = await reviewedReport();

    const summaries = await listTaskSummaries(db.connection, engagementId);

    const full = await listTaskRecords(db.connection, engagementId);
    expect(summaries).to.have.length(full.length);
    const byId = (list: Array<{ id: string }>) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(summaries)).to.deep.equal(byId(full.map((r) => ({ id: r.id, personId: r.personId, text: r.text, hoursPerWeek: r.hoursPerWeek, status: r.status, ...(r.priority !== undefined ? { priority: r.priority } : {}) }))));
    expect(summaries.every((s) => s.personId === personId)).to.equal(true);
    expect(summaries.map((s) => [s.status, s.priority ?? null])).to.have.deep.members([['rejected', null], ['confirmed', 2], ['confirmed', 4], ['confirmed', 5]]);
    expect(summaries.map((s) => s.text)).to.include.members(['Reconcile the supplier statements', 'Approve supplier master-data changes']);
  });

  it('when only the words are listed, then each record gives its id, person and current words', async () => {
    const { engagementId, personId } = await reviewedReport();

    const texts = await listTaskTexts(db.connection, engagementId);

    const summaries = await listTaskSummaries(db.connection, engagementId);
    expect(texts).to.have.deep.members(summaries.map((s) => ({ id: s.id, personId, text: s.text })));
  });

  it('when answers to two questions are asked for, then each intake gives its status and those answers only', async () => {
    const { engagementId, personId } = await reviewedReport();

    const answers = await listAnswerSummaries(db.connection, engagementId, ['concernJobDisplacement', 'complianceWorries']);

    expect(answers).to.deep.equal([{ personId, status: 'confirmed', answers: { concernJobDisplacement: 3, complianceWorries: 3 } }]);
  });

  it('when a question id is not a plain word, then the listing refuses it rather than read another path', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);

    const failure = await listAnswerSummaries(db.connection, engagement.id, ['tasks.0']).then(() => undefined, (error: Error) => error);

    expect(failure?.message).to.match(/not question ids: tasks\.0/);
  });
});
