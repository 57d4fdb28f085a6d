import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, answerEverything, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('PUT /api/v1/me/intake', () => {
  const db = useTestDatabase('intake_drafts');
  let t: TestApp;
  let engagementId: string;

  before(async () => {
    t = buildTestApp(db.connection);
    engagementId = (await createEngagement(t.app, t.adminToken)).id;
  });

  /** A fresh participant (Operations contributor: the participant bank alone) and their token. */
  async function participant(): Promise<{ id: string; token: string }> {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput()]);
    return person;
  }
  const save = (token: string, body: unknown) => request(t.app).put('/api/v1/me/intake').set(bearer(token)).send(body as object);
  const read = (token: string) => request(t.app).get('/api/v1/me/intake').set(bearer(token));

  it('when answers have wrong types or smuggle a Mongo operator, then answers 422 with one problem per question and saves nothing', async () => {
    const person = await participant();

    const res = await save(person.token, { answers: { jobTitle: { $gt: '' }, concernJobDisplacement: 'high', measures: 'cycle-time' }, version: 0 });

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('answers-invalid');
    expect(res.body.errors.map((e: { questionId: string }) => e.questionId)).to.deep.equal(['jobTitle', 'measures', 'concernJobDisplacement']);
    expect((await read(person.token)).body).to.include({ status: 'not-started', version: 0 });
  });

  it('when the body has unknown fields or answers to questions the bank does not have, then it is refused', async () => {
    const person = await participant();

    const extraField = await save(person.token, { answers: {}, version: 0, status: 'submitted' });
    const unknownQuestion = await save(person.token, { answers: { salary: 100000 }, version: 0 });

    expect(extraField.status).to.equal(400);
    expect(extraField.body.errors).to.deep.equal([{ pointer: '/status', message: 'is not an allowed field' }]);
    expect(unknownQuestion.status).to.equal(422);
    expect(unknownQuestion.body.errors).to.deep.equal([{ questionId: 'salary', pointer: '/answers/salary', message: 'This is not a question of your question bank.' }]);
  });

  it('when answers or a task row hide behind a "__proto__" key, then answers 422 naming it and saves nothing', async () => {
    const person = await participant();
    const raw = (answers: string) => request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).type('json').send(`{"answers":${answers},"version":0}`);

    const wholeAnswers = await raw('{"__proto__":{"jobTitle":"   "}}');
    const taskRow = await raw('{"tasks":[{"__proto__":{"description":"Reconcile the ledger","hoursPerWeek":2}}]}');

    expect(wholeAnswers.status).to.equal(422);
    expect(wholeAnswers.body.errors).to.deep.equal([{ questionId: '__proto__', pointer: '/answers/__proto__', message: 'This is not a question of your question bank.' }]);
    expect(taskRow.status).to.equal(422);
    expect(taskRow.body.errors[0]).to.include({ questionId: 'tasks', pointer: '/answers/tasks/0/__proto__' });
    expect((await read(person.token)).body).to.include({ status: 'not-started', version: 0 });
  });

  it('when a task description is longer than 1,000 characters, then answers 422 pointing at that row', async () => {
    const person = await participant();

    const res = await save(person.token, { answers: { tasks: [{ description: 'x'.repeat(1001), hoursPerWeek: 3 }] }, version: 0 });

    expect(res.status).to.equal(422);
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0]).to.include({ questionId: 'tasks', pointer: '/answers/tasks/0/description' });
  });

  it('when a draft lists more than 30 tasks, then answers 422', async () => {
    const person = await participant();
    const tasks = Array.from({ length: 31 }, (_v, i) => ({ description: `Task ${i}`, hoursPerWeek: 1 }));

    const res = await save(person.token, { answers: { tasks }, version: 0 });

    expect(res.status).to.equal(422);
    expect(res.body.errors[0]).to.include({ questionId: 'tasks', message: 'can have at most 30 rows.' });
  });

  it('when an answer is hidden by visibleIf, then it is dropped when saved rather than rejected', async () => {
    const person = await participant();

    const res = await save(person.token, { answers: { aiUseFrequency: 'never', aiTools: ['chat-assistant'], measures: ['cycle-time'], measuresOther: 'Net promoter score' }, version: 0 });

    expect(res.status).to.equal(200);
    expect(res.body.answers).to.deep.equal({ aiUseFrequency: 'never', measures: ['cycle-time'] });
  });

  it('when an answer hidden by visibleIf would not fit its question (a stale value the person cannot see), then it is dropped, not rejected', async () => {
    const person = await participant();

    const res = await save(person.token, { answers: { aiUseFrequency: 'never', aiTools: ['retired-option'], aiUseExamples: 'x'.repeat(2001) }, version: 0 });

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.answers).to.deep.equal({ aiUseFrequency: 'never' });
  });

  it('when a save names an old version, then answers 409 with the current version and keeps the newer answers', async () => {
    const person = await participant();
    await save(person.token, { answers: { jobTitle: 'Planner' }, version: 0 });
    await save(person.token, { answers: { jobTitle: 'Senior planner' }, version: 1 });

    const stale = await save(person.token, { answers: { jobTitle: 'Overwritten?' }, version: 1 });

    expect(stale.status).to.equal(409);
    expect(stale.body).to.include({ code: 'intake-version-conflict', currentVersion: 2 });
    expect((await read(person.token)).body.answers).to.deep.equal({ jobTitle: 'Senior planner' });
  });

  it('when a save is retried after it went through (its reply was lost), then the retry answers 200 at the saved version', async () => {
    const person = await participant();
    const body = { answers: { jobTitle: 'Planner' }, version: 0 };
    await save(person.token, body);

    const retry = await save(person.token, body);

    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.body).to.include({ status: 'draft', version: 1 });
    expect(retry.body.answers).to.deep.equal({ jobTitle: 'Planner' });
  });

  it('when two saves from the same version race, then exactly one wins and the other gets 409', async () => {
    const person = await participant();
    await save(person.token, { answers: { jobTitle: 'Planner' }, version: 0 });

    const results = await Promise.all([
      save(person.token, { answers: { jobTitle: 'From the laptop' }, version: 1 }),
      save(person.token, { answers: { jobTitle: 'From the phone' }, version: 1 }),
    ]);

    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const stored = (await read(person.token)).body;
    expect(stored.version).to.equal(2);
    expect(stored.answers.jobTitle).to.equal(winner.body.answers.jobTitle);
  });

  it('when two first saves race, then exactly one creates the intake and the other gets 409', async () => {
    const person = await participant();

    const results = await Promise.all([save(person.token, { answers: { jobTitle: 'A' }, version: 0 }), save(person.token, { answers: { jobTitle: 'B' }, version: 0 })]);

    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    expect((await read(person.token)).body.version).to.equal(1);
  });

  it('when a consultant saves a first draft on a link naming the person in capitals, then it is saved like any other', async () => {
    const person = await participant();
    const path = `/api/v1/engagements/${engagementId}/people/${person.id.toUpperCase()}/intake`;

    const res = await request(t.app).put(path).set(bearer(t.adminToken)).send({ answers: {}, version: 0 });

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.version).to.equal(1);
  });
});

describe('POST /api/v1/me/intake/submit', () => {
  const db = useTestDatabase('intake_submit');
  let t: TestApp;
  let engagementId: string;

  before(async () => {
    t = buildTestApp(db.connection);
    engagementId = (await createEngagement(t.app, t.adminToken)).id;
  });

  it('when the intake is incomplete, then answers 422 with errors [{questionId, message}], one per question', async () => {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput()]);
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { jobTitle: 'Planner', tasks: [{ description: 'Plan routes' }] }, version: 0 });

    const res = await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token));

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('intake-incomplete');
    const ids = res.body.errors.map((e: { questionId: string }) => e.questionId);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.include.members(['responsibilities', 'tasks', 'measures', 'concernJobDisplacement']).and.not.include('jobTitle');
    for (const error of res.body.errors) expect(error.message).to.be.a('string').and.not.equal('');
    expect((await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.status).to.equal('draft');
  });

  it('when the same submission is sent twice (a retry, a double click), then both answer 200 and it is submitted once', async () => {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput()]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank), version: 0 });
    const submit = () => request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).send({ version: 1 });

    const first = await submit();
    const retry = await submit();

    expect(first.status).to.equal(200);
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.body).to.include({ status: 'submitted', version: first.body.version });
    const audit = await request(t.app).get(`/api/v1/engagements/${engagementId}/people/${person.id}/audit`).set(bearer(t.adminToken));
    expect(audit.body.entries.filter((e: { action: string }) => e.action === 'submitted')).to.have.length(1);
  });

  it('when a submission names a version older than the one that was submitted, then answers 409 and changes nothing', async () => {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput()]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    const answers = answerEverything(bank);
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers, version: 0 });
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { ...answers, jobTitle: 'Dispatcher' }, version: 1 });
    await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).send({ version: 2 });

    const stale = await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).send({ version: 1 });

    expect(stale.status).to.equal(409);
    expect(stale.body.code).to.equal('intake-version-conflict');
  });

  it('when the version guard is sent as text/plain (what fetch sends for a string), then answers 415 and submits nothing', async () => {
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput()]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank), version: 0 });

    const res = await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).set('Content-Type', 'text/plain').send('{"version": 7}');

    expect(res.status).to.equal(415);
    expect(res.body.code).to.equal('unsupported-media-type');
    expect((await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.status).to.equal('draft');
  });

  it('when a submitted intake is amended before review, then it stays submitted and the manager sees the new tasks', async () => {
    const [manager] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ roleLevel: 'manager', email: 'lead@northwind.test' })]);
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ managerEmail: 'lead@northwind.test' })]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    const answers = answerEverything(bank, 3);
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers, version: 0 });
    const submitted = await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).send({ version: 1 });
    const tasks = answers.tasks as Array<Record<string, unknown>>;

    const amended = await request(t.app).put('/api/v1/me/intake').set(bearer(person.token))
      .send({ answers: { ...answers, tasks: [...tasks, { ...tasks[0], description: 'Plan delivery routes for next week' }] }, version: submitted.body.version });
    const incomplete = await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { jobTitle: 'x' }, version: amended.body.version });

    expect(amended.status).to.equal(200);
    expect(amended.body.status).to.equal('submitted');
    expect(incomplete.status).to.equal(422);
    expect(incomplete.body.code).to.equal('intake-incomplete');
    const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));
    const report = reports.body.reports.find((r: { personId: string }) => r.personId === person.id);
    expect(report.tasks.map((task: { text: string }) => task.text)).to.include('Plan delivery routes for next week').and.have.length(4);
  });

  it('when a submitted intake is amended without touching its tasks, then the task records stay as they were, so a review under way still fits them', async () => {
    const [manager] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ roleLevel: 'manager', email: 'head@northwind.test' })]);
    const [person] = await addPeople(t.app, t.adminToken, engagementId, [buildPersonInput({ managerEmail: 'head@northwind.test' })]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    const answers = answerEverything(bank, 3);
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers, version: 0 });
    const submitted = await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token)).send({ version: 1 });
    const reportsBefore = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));
    const taskIds = reportsBefore.body.reports.find((r: { personId: string }) => r.personId === person.id).tasks.map((task: { id: string }) => task.id);

    const amended = await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { ...answers, jobTitle: 'Senior dispatcher' }, version: submitted.body.version });
    const review = await request(t.app).put(`/api/v1/me/reports/${person.id}/review`).set(bearer(manager.token))
      .send({ tasks: taskIds.map((taskId: string) => ({ taskId, decision: 'confirm', priority: 3 })) });

    expect(amended.status).to.equal(200);
    expect(review.status, JSON.stringify(review.body)).to.equal(200);
    expect(review.body.tasks.map((task: { id: string }) => task.id)).to.deep.equal(taskIds);
  });
});

describe('a consultant conducting the interview live', () => {
  const db = useTestDatabase('intake_live');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a consultant saves and submits for a person, then it is recorded as conducted by them and the audit names who changed which fields', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    const base = `/api/v1/engagements/${engagement.id}/people/${person.id}`;
    const consultant = bearer(t.adminToken);
    const bank = (await request(t.app).get(`${base}/intake`).set(consultant)).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: { jobTitle: 'Dispatcher' }, version: 0 });

    const saved = await request(t.app).put(`${base}/intake`).set(consultant).send({ answers: answerEverything(bank, 3), version: 1 });
    const submitted = await request(t.app).post(`${base}/intake/submit`).set(consultant);
    const audit = await request(t.app).get(`${base}/audit`).set(consultant);

    expect(saved.status).to.equal(200);
    expect(submitted.status).to.equal(200);
    expect(submitted.body).to.include({ status: 'submitted' });
    expect(submitted.body.conductedBy).to.be.a('string');
    expect(audit.body.entries.map((e: { action: string; actor: { kind: string } }) => [e.action, e.actor.kind])).to.deep.equal([
      ['draft-saved', 'person'],
      ['draft-saved', 'consultant'],
      ['submitted', 'consultant'],
    ]);
    expect(audit.body.entries[1].changes).to.deep.include({ path: 'jobTitle', change: 'changed' });
    expect(JSON.stringify(audit.body)).to.not.contain('Dispatcher');
  });
});
