import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, answerEverything, bearer, buildPersonInput, createEngagement, type AddedPerson } from '../../support/intake-builders.ts';

describe('PUT /api/v1/me/reports/:personId/review', () => {
  const db = useTestDatabase('intake_review');
  let t: TestApp;
  let engagementId: string;
  let manager: AddedPerson;

  before(async () => {
    t = buildTestApp(db.connection);
    engagementId = (await createEngagement(t.app, t.adminToken)).id;
    [manager] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ roleLevel: 'manager', email: 'boss@northwind.test' })]);
  });

  /** A report of `boss@` who has submitted three tasks; returns them with their task ids. */
  async function submittedReport(): Promise<{ person: AddedPerson; taskIds: string[] }> {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ managerEmail: 'boss@northwind.test' })]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank, 3), version: 0 });
    await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token));
    const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));
    const report = reports.body.reports.find((r: { personId: string }) => r.personId === person.id);
    return { person, taskIds: report.tasks.map((task: { id: string }) => task.id) };
  }
  const review = (token: string, personId: string, body: unknown) => request(t.app).put(`/api/v1/me/reports/${personId}/review`).set(bearer(token)).send(body as object);

  it('when a decision is missing, repeated or names another person\'s task, then answers 422 and records nothing', async () => {
    const { person, taskIds } = await submittedReport();
    const other = await submittedReport();

    const res = await review(manager.token, person.id, {
      tasks: [
        { taskId: taskIds[0], decision: 'confirm', priority: 3 },
        { taskId: taskIds[0], decision: 'reject' },
        { taskId: other.taskIds[0], decision: 'confirm', priority: 2 },
      ],
    });

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('review-invalid');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/tasks/1/taskId', '/tasks/2/taskId', '/tasks', '/tasks']);
    const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));
    expect(reports.body.reports.find((r: { personId: string }) => r.personId === person.id).status).to.equal('awaiting-manager');
  });

  it('when an edit has no text, a priority is out of range or a field is unknown, then answers 400', async () => {
    const { person, taskIds } = await submittedReport();

    const res = await review(manager.token, person.id, { tasks: [{ taskId: taskIds[0], decision: 'edit', priority: 9, note: 'x' }] });

    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include.members(['/tasks/0/text', '/tasks/0/priority', '/tasks/0/note']);
  });

  it('when the report has not submitted yet, then answers 409 intake-not-submitted', async () => {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ managerEmail: 'boss@northwind.test' })]);

    const res = await review(manager.token, person.id, { tasks: [] });

    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('intake-not-submitted');
  });

  it('when a manager reviews again, then the decisions are replaced and earlier added tasks do not pile up', async () => {
    const { person, taskIds } = await submittedReport();
    const decide = (decision: string) => ({ tasks: taskIds.map((taskId) => ({ taskId, decision, priority: 2 })), addedTasks: [{ text: 'Weekly stock count', hoursPerWeek: 1, priority: 2 }] });
    await review(manager.token, person.id, decide('confirm'));

    const res = await review(manager.token, person.id, decide('reject'));

    expect(res.status).to.equal(200);
    expect(res.body.tasks.filter((task: { source: string }) => task.source === 'participant').map((task: { status: string }) => task.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(res.body.tasks.filter((task: { source: string }) => task.source === 'manager')).to.have.length(1);
  });
});
