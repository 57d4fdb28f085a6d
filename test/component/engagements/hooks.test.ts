import { expect } from 'chai';
import request from 'supertest';
import type { ClientSession } from 'mongoose';
import type { Invitation } from '../../../src/engagements/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp } from '../../support/build-test-app.ts';
import { answerEverything, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('hooks for the outbox', () => {
  const db = useTestDatabase('engagements_hooks');

  it('when people are added, then onPeopleInvited gets each new person\'s link inside the transaction, and what it writes commits with them', async () => {
    const seen: Invitation[] = [];
    const { app, adminToken } = buildTestApp(db.connection, {
      overrides: {
        hooks: {
          onPeopleInvited: async (session: ClientSession, invitations: Invitation[]) => {
            seen.push(...invitations);
            await db.connection.collection('test_outbox').insertOne({ count: invitations.length }, { session });
          },
        },
      },
    });
    const engagement = await createEngagement(app, adminToken);

    const res = await request(app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(adminToken)).send({ people: [buildPersonInput(), buildPersonInput()] });

    expect(res.status).to.equal(201);
    expect(seen.map((i) => i.personId)).to.deep.equal(res.body.people.map((p: { id: string }) => p.id));
    expect(seen[0].inviteUrl).to.equal(res.body.people[0].inviteUrl);
    expect(await db.connection.collection('test_outbox').countDocuments()).to.equal(1);
  });

  it('when the hook fails, then the whole roster change is rolled back: nobody is added', async () => {
    const { app, adminToken } = buildTestApp(db.connection, {
      overrides: { hooks: { onPeopleInvited: async () => { throw new Error('outbox unavailable'); } } },
    });
    const engagement = await createEngagement(app, adminToken);

    const res = await request(app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(adminToken)).send({ people: [buildPersonInput()] });

    expect(res.status).to.equal(500);
    const people = await request(app).get(`/api/v1/engagements/${engagement.id}/people`).set(bearer(adminToken));
    expect(people.body.people).to.deep.equal([]);
  });

  it('when an intake is submitted, then onIntakeSubmitted names the person and their manager', async () => {
    const events: Array<{ personId: string; managerEmail?: string; amended: boolean; submittedAt: Date; taskCount: number }> = [];
    const { app, adminToken } = buildTestApp(db.connection, { overrides: { hooks: { onIntakeSubmitted: async (_s, event) => { events.push(event); } } } });
    const engagement = await createEngagement(app, adminToken);
    const added = await request(app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(adminToken))
      .send({ people: [buildPersonInput({ managerEmail: 'lead@northwind.test' })] });
    const person = added.body.people[0];
    const bank = (await request(app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    await request(app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank), version: 0 });

    await request(app).post('/api/v1/me/intake/submit').set(bearer(person.token));
    await request(app).post('/api/v1/me/intake/submit').set(bearer(person.token));

    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ engagementId: engagement.id, personId: person.id, managerEmail: 'lead@northwind.test', amended: false });
    expect(events[0].taskCount).to.equal((answerEverything(bank).tasks as unknown[]).length);
    expect(events[0].submittedAt).to.be.instanceOf(Date);
  });
});
