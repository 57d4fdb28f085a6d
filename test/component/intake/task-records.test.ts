import { expect } from 'chai';
import request from 'supertest';
import { listIntakeAnswers, listTaskRecords } from '../../../src/intake/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement, submittedReport } from '../../support/intake-builders.ts';

describe('listTaskRecords and listIntakeAnswers (read by the shortlist and the curriculum)', () => {
  const db = useTestDatabase('intake_records');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a report is submitted and reviewed, then its task records carry status, priority, source and the person\'s cohort', async () => {
    const { engagement, manager, person, tasks } = await submittedReport(t.app, t.adminToken, ['Finance', 'Operations']);
    await request(t.app).put(`/api/v1/me/reports/${person.id}/review`).set(bearer(manager.token)).send({
      tasks: tasks.map((task, i) => (i === 0 ? { taskId: task.id, decision: 'reject' } : { taskId: task.id, decision: 'confirm', priority: 4 })),
      addedTasks: [{ text: 'Approve supplier master-data changes', hoursPerWeek: 1, priority: 5, goLive: '2026-07-01' }],
    });

    const records = await listTaskRecords(db.connection, engagement.id);
    const answers = await listIntakeAnswers(db.connection, engagement.id);

    expect(records).to.have.length(4);
    expect(records.every((r) => r.department === 'Finance' && r.roleLevel === 'contributor' && r.personId === person.id)).to.equal(true);
    expect(records.map((r) => [r.source, r.status, r.priority ?? null])).to.have.deep.members([
      ['participant', 'rejected', null],
      ['participant', 'confirmed', 4],
      ['participant', 'confirmed', 4],
      ['manager', 'confirmed', 5],
    ]);
    expect(answers).to.have.length(1);
    expect(answers[0]).to.include({ personId: person.id, status: 'confirmed', department: 'Finance', roleLevel: 'contributor' });
    expect(answers[0].answers).to.have.property('concernJobDisplacement', 3);
  });

  it('when an intake body is larger than 1 MB, then answers 413 and nothing is stored', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);

    const res = await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { responsibilities: 'x'.repeat(1_100_000) }, version: 0 });

    expect(res.status).to.equal(413);
    expect(res.body.code).to.equal('body-too-large');
    expect((await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.version).to.equal(0);
  });
});
