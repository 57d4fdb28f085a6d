import { expect } from 'chai';
import request from 'supertest';
import { reminderSource } from '../../../src/notifications/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp } from '../../support/build-test-app.ts';
import { addConsultant, addPeople, answerEverything, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

interface StoredMail {
  engagementId: string;
  kind: string;
  recipient: { name: string; email: string };
  text: string;
  html: string;
}

describe('mail triggers', () => {
  const db = useTestDatabase('notifications');
  const outbox = () => db.connection.collection<StoredMail>('outbox');

  async function submitIntake(app: Parameters<typeof request>[0], token: string) {
    const bank = (await request(app).get('/api/v1/me/intake').set(bearer(token))).body.bank;
    await request(app).put('/api/v1/me/intake').set(bearer(token)).send({ answers: answerEverything(bank), version: 0 });
    const res = await request(app).post('/api/v1/me/intake/submit').set(bearer(token));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }

  it('when people are added, then each gets an invitation with their link, and a manager named in the same upload is told they will review', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);

    const [report, manager] = await addPeople(app, consultant.token, engagement.id, [
      buildPersonInput({ managerEmail: 'boss@northwind.test' }),
      buildPersonInput({ email: 'boss@northwind.test', roleLevel: 'manager' }),
    ]);

    const mails = await outbox().find({ kind: 'invitation', 'recipient.email': { $in: [report.email, manager.email] } }).toArray();
    expect(mails).to.have.length(2);
    const byEmail = new Map(mails.map((m) => [m.recipient.email, m]));
    expect(byEmail.get(report.email)!.text).to.contain(report.inviteUrl as string);
    expect(byEmail.get(report.email)!.text).not.to.contain('people reporting to you');
    expect(byEmail.get(manager.email)!.text).to.contain('people reporting to you');
    const listed = await request(app).get(`/api/v1/engagements/${engagement.id}/outbox`).set(bearer(consultant.token));
    expect(listed.status).to.equal(200);
    expect(listed.body.mails.map((m: { kind: string }) => m.kind)).to.deep.equal(['invitation', 'invitation']);
  });

  it('when a manager is added after the people who name them, then their invitation still tells them they will review', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    await addPeople(app, consultant.token, engagement.id, [1, 2].map(() => buildPersonInput({ managerEmail: 'later@northwind.test' })));

    const [manager, colleague] = await addPeople(app, consultant.token, engagement.id, [
      buildPersonInput({ email: 'later@northwind.test', roleLevel: 'manager' }),
      buildPersonInput(),
    ]);

    const invitationTo = async (email: string) => (await outbox().findOne({ kind: 'invitation', 'recipient.email': email }))!.text;
    expect(await invitationTo(manager.email)).to.contain('people reporting to you');
    expect(await invitationTo(colleague.email)).not.to.contain('people reporting to you');
  });

  it('when a report submits, then their manager is asked to review through a fresh personal link that signs them in', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    const [report, manager] = await addPeople(app, consultant.token, engagement.id, [
      buildPersonInput({ managerEmail: 'lead@northwind.test' }),
      buildPersonInput({ email: 'lead@northwind.test', roleLevel: 'manager' }),
    ]);

    await submitIntake(app, report.token);

    const requests = await outbox().find({ kind: 'manager-request', 'recipient.email': manager.email }).toArray();
    expect(requests).to.have.length(1);
    const link = /http:\/\/tailor\.test(\/i\/[\w-]+)/.exec(requests[0].text)?.[1];
    expect(link, requests[0].text).to.be.a('string');
    const signIn = await request(app).get(link!);
    expect(signIn.status).to.equal(303);
    expect(signIn.headers.location).to.match(/^\/me\/reports/);
  });

  it('when the last person of a department submits, then the consultant is told once, and not before', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    const [first, second] = await addPeople(app, consultant.token, engagement.id, [buildPersonInput({ department: 'Finance' }), buildPersonInput({ department: 'Finance' })]);
    const notices = () => outbox().countDocuments({ kind: 'department-complete', engagementId: engagement.id, text: { $regex: 'Finance' } });

    await submitIntake(app, first.token);
    const afterFirst = await notices();
    await submitIntake(app, second.token);
    await request(app).post('/api/v1/me/intake/submit').set(bearer(second.token));

    expect(afterFirst).to.equal(0);
    expect(await notices()).to.equal(1);
  });

  it('when someone of the department who never submitted is erased, then the last of the others to submit completes it', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    const [gone, first, last, elsewhere] = await addPeople(app, consultant.token, engagement.id, [
      ...[1, 2, 3].map(() => buildPersonInput({ department: 'Finance' })),
      buildPersonInput({ department: 'Operations' }),
    ]);
    const notices = () => outbox().find({ kind: 'department-complete', engagementId: engagement.id }).toArray();
    await request(app).delete(`/api/v1/engagements/${engagement.id}/people/${gone.id}`).set(bearer(consultant.token)).expect(204);

    await submitIntake(app, first.token);
    await submitIntake(app, elsewhere.token);
    const beforeLast = await notices();
    await submitIntake(app, last.token);

    expect(beforeLast.map((m) => m.text.includes('Finance'))).to.deep.equal([false]);
    const finance = (await notices()).filter((m) => m.text.includes('Finance'));
    expect(finance).to.have.length(1);
    expect(finance[0].text).to.contain('2 intakes submitted');
  });

  it('when the last two people of a department submit at the same moment, then the consultant is still told, once', async () => {
    // Each submission's transaction waits (at most 1 s) for the other to reach the same point, so
    // both have read the department's status before either commits: the race, made certain.
    let isRacing = false;
    let arrived = 0;
    let releaseBoth: () => void = () => {};
    const bothArrived = new Promise<void>((resolve) => (releaseBoth = resolve));
    const hooks = {
      onIntakeSubmitted: async () => {
        if (!isRacing) return;
        arrived += 1;
        if (arrived >= 2) releaseBoth();
        await Promise.race([bothArrived, new Promise((resolve) => setTimeout(resolve, 1000))]);
      },
    };
    const { app, adminToken } = buildTestApp(db.connection, { overrides: { hooks } });
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    const people = await addPeople(app, consultant.token, engagement.id, [1, 2, 3].map(() => buildPersonInput({ department: 'Finance' })));
    const notices = () => outbox().countDocuments({ kind: 'department-complete', engagementId: engagement.id });
    await submitIntake(app, people[0].token);
    const [second, third] = people.slice(1);
    for (const person of [second, third]) {
      const bank = (await request(app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
      await request(app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank), version: 0 }).expect(200);
    }

    isRacing = true;
    const submitted = await Promise.all([second, third].map((person) => request(app).post('/api/v1/me/intake/submit').set(bearer(person.token))));

    expect(submitted.map((res) => res.status)).to.deep.equal([200, 200]);
    expect(await notices()).to.equal(1);
  });

  it('when another consultant asks for the outbox, then it answers 404 and lists nothing', async () => {
    const { app, adminToken } = buildTestApp(db.connection);
    const owner = await addConsultant(app, adminToken);
    const stranger = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, owner.token);

    const res = await request(app).get(`/api/v1/engagements/${engagement.id}/outbox`).set(bearer(stranger.token));

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('engagement-not-found');
  });
});

describe('reminder source', () => {
  const db = useTestDatabase('notifications_reminders');

  it('when three days pass without a submission, then a reminder with a fresh working link is queued, and none once the person has submitted', async () => {
    const { app, adminToken, clock, components } = buildTestApp(db.connection);
    const consultant = await addConsultant(app, adminToken);
    const engagement = await createEngagement(app, consultant.token);
    const [waiting, done] = await addPeople(app, consultant.token, engagement.id, [buildPersonInput(), buildPersonInput()]);
    const bank = (await request(app).get('/api/v1/me/intake').set(bearer(done.token))).body.bank;
    await request(app).put('/api/v1/me/intake').set(bearer(done.token)).send({ answers: answerEverything(bank), version: 0 });
    await request(app).post('/api/v1/me/intake/submit').set(bearer(done.token));

    clock.advanceDays(3);
    const result = await components.mail.runReminderPass(reminderSource(() => components));

    expect(result.queued).to.equal(1);
    const reminders = await db.connection.collection<{ kind: string; recipient: { email: string }; text: string }>('outbox').find({ kind: 'reminder' }).toArray();
    expect(reminders.map((m) => m.recipient.email)).to.deep.equal([waiting.email]);
    const link = /http:\/\/tailor\.test(\/i\/[\w-]+)/.exec(reminders[0].text)?.[1];
    expect((await request(app).get(link!)).status).to.equal(303);
  });
});
