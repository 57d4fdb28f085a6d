import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, addPeople, answerEverything, bearer, buildPersonInput, createEngagement, type AddedPerson } from '../../support/intake-builders.ts';

/**
 * Who may see what: each caller reaches exactly their own engagement and person, and ids they may
 * not see answer 404 (never 403), so nothing tells them the id exists.
 */
describe('authorisation matrix', () => {
  const db = useTestDatabase('intake_authz');
  let t: TestApp;
  let engagementId: string;
  let otherConsultant: { token: string };
  let boss: AddedPerson;
  let otherBoss: AddedPerson;
  let ana: AddedPerson;
  let ben: AddedPerson;

  before(async () => {
    t = buildTestApp(db.connection);
    engagementId = (await createEngagement(t.app, t.adminToken)).id;
    otherConsultant = await addConsultant(t.app, t.adminToken);
    [boss, otherBoss, ana, ben] = await addPeople(t.app, t.adminToken, engagementId, [
      buildPersonInput({ email: 'boss@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ email: 'otherboss@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ email: 'ana@northwind.test', managerEmail: 'boss@northwind.test' }),
      buildPersonInput({ email: 'ben@northwind.test', managerEmail: 'otherboss@northwind.test' }),
    ]);
    for (const person of [ana, ben]) {
      const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
      await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank, 3), version: 0 });
      await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token));
    }
  });

  it('when a consultant opens another consultant\'s engagement by any route, then every route answers 404', async () => {
    const as = bearer(otherConsultant.token);
    const base = `/api/v1/engagements/${engagementId}`;
    const calls = [
      request(t.app).get(base).set(as),
      request(t.app).patch(base).set(as).send({ name: 'Mine now' }),
      request(t.app).get(`${base}/status`).set(as),
      request(t.app).get(`${base}/export?format=csv`).set(as),
      request(t.app).get(`${base}/people`).set(as),
      request(t.app).post(`${base}/people`).set(as).send({ people: [buildPersonInput()] }),
      request(t.app).delete(`${base}/people/${ana.id}`).set(as),
      request(t.app).post(`${base}/people/${ana.id}/token`).set(as),
      request(t.app).get(`${base}/people/${ana.id}/intake`).set(as),
      request(t.app).put(`${base}/people/${ana.id}/intake`).set(as).send({ answers: {}, version: 1 }),
      request(t.app).get(`${base}/people/${ana.id}/audit`).set(as),
    ];

    const statuses = (await Promise.all(calls)).map((r) => r.status);

    expect(statuses).to.deep.equal(Array(calls.length).fill(404));
    const list = await request(t.app).get('/api/v1/engagements').set(as);
    expect(list.body.engagements).to.deep.equal([]);
  });

  it('when a consultant names a person of another engagement under their own engagement, then answers 404', async () => {
    const mine = await createEngagement(t.app, otherConsultant.token);

    const res = await request(t.app).get(`/api/v1/engagements/${mine.id}/people/${ana.id}/intake`).set(bearer(otherConsultant.token));

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('person-not-found');
  });

  it('when a participant tries to read another person\'s intake, then there is no route for it: the consultant route refuses their token', async () => {
    const res = await request(t.app).get(`/api/v1/engagements/${engagementId}/people/${ben.id}/intake`).set(bearer(ana.token));

    expect(res.status).to.equal(403);
    const own = await request(t.app).get('/api/v1/me/intake').set(bearer(ana.token));
    expect(own.body.answers.tasks[0].description).to.be.a('string');
    expect(JSON.stringify(own.body)).to.not.contain(ben.id);
  });

  it('when a manager reviews someone who is not their report, then answers 404 and the tasks stay untouched', async () => {
    const benTasks = (await request(t.app).get('/api/v1/me/reports').set(bearer(otherBoss.token))).body.reports[0].tasks as Array<{ id: string }>;

    const res = await request(t.app).put(`/api/v1/me/reports/${ben.id}/review`).set(bearer(boss.token))
      .send({ tasks: benTasks.map((task) => ({ taskId: task.id, decision: 'reject' })) });

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('report-not-found');
    const after = (await request(t.app).get('/api/v1/me/reports').set(bearer(otherBoss.token))).body.reports[0];
    expect(after.status).to.equal('awaiting-manager');
  });

  it('when a manager lists reports, then they see only their direct reports; a participant with no reports sees none', async () => {
    const bossReports = await request(t.app).get('/api/v1/me/reports').set(bearer(boss.token));
    const anaReports = await request(t.app).get('/api/v1/me/reports').set(bearer(ana.token));

    expect(bossReports.body.reports.map((r: { personId: string }) => r.personId)).to.deep.equal([ana.id]);
    expect(anaReports.body.reports).to.deep.equal([]);
  });

  it('when a person of another engagement uses their token, then they reach only their own engagement', async () => {
    const other = await createEngagement(t.app, otherConsultant.token);
    const [stranger] = await addPeople(t.app, otherConsultant.token, other.id, [buildPersonInput({ email: 'ana@northwind.test' })]);

    const me = await request(t.app).get('/api/v1/me').set(bearer(stranger.token));
    const review = await request(t.app).put(`/api/v1/me/reports/${ana.id}/review`).set(bearer(stranger.token)).send({ tasks: [] });

    expect(me.body.engagement.id).to.equal(other.id);
    expect(me.body.intake.status).to.equal('not-started');
    expect(review.status).to.equal(404);
  });
});
