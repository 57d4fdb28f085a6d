import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, answerEverything, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { createIntake, createIntakeRecords, loadQuestionBanks } from '../../../src/intake/index.ts';
import { createEngagements, type Invitation } from '../../../src/engagements/index.ts';
import { FIRST_CONSULTANT_ID } from '../../../src/access/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';

describe('DELETE /api/v1/engagements/:engagementId/people/:personId', () => {
  const db = useTestDatabase('engagements_erasure');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a manager is erased, then their reports lose the link to them, their link stops working and the counts stay', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [manager, report] = await addPeople(t.app, t.adminToken, engagement.id, [
      buildPersonInput({ email: 'lead@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ managerEmail: 'lead@northwind.test' }),
    ]);
    await request(t.app).put('/api/v1/me/intake').set(bearer(manager.token)).send({ answers: { jobTitle: 'Team lead' }, version: 0 });
    const consultant = bearer(t.adminToken);

    const res = await request(t.app).delete(`/api/v1/engagements/${engagement.id}/people/${manager.id}`).set(consultant);

    expect(res.status).to.equal(204);
    const people = (await request(t.app).get(`/api/v1/engagements/${engagement.id}/people`).set(consultant)).body.people;
    expect(people.map((p: { id: string }) => p.id)).to.deep.equal([report.id]);
    expect(people[0]).to.not.have.property('managerEmail');
    expect((await request(t.app).get('/api/v1/me').set(bearer(manager.token))).status).to.equal(401);
    const status = (await request(t.app).get(`/api/v1/engagements/${engagement.id}/status`).set(consultant)).body;
    expect(status.totals).to.deep.include({ invited: 2, started: 1 });
    const audit = await request(t.app).get(`/api/v1/engagements/${engagement.id}/people/${manager.id}/audit`).set(consultant);
    expect(audit.status).to.equal(404);
  });

  it('when the same person is erased twice, then the second time answers 404 and the email can join again as someone new', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput({ email: 'again@northwind.test' })]);
    const path = `/api/v1/engagements/${engagement.id}/people/${person.id}`;
    await request(t.app).delete(path).set(bearer(t.adminToken));

    const second = await request(t.app).delete(path).set(bearer(t.adminToken));
    const [rejoined] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput({ email: 'again@northwind.test' })]);

    expect(second.status).to.equal(404);
    expect(rejoined.id).to.not.equal(person.id);
    expect(rejoined.created).to.equal(true);
  });

  it('when the same person is erased twice at once (a double click, a retry), then one answers 204, the other 404, and the counts keep the stage they reached', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(person.token))).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(person.token)).send({ answers: answerEverything(bank), version: 0 });
    await request(t.app).post('/api/v1/me/intake/submit').set(bearer(person.token));
    const erase = () => request(t.app).delete(`/api/v1/engagements/${engagement.id}/people/${person.id}`).set(bearer(t.adminToken));

    const results = await Promise.all([erase(), erase()]);

    expect(results.map((r) => r.status).sort()).to.deep.equal([204, 404]);
    const status = (await request(t.app).get(`/api/v1/engagements/${engagement.id}/status`).set(bearer(t.adminToken))).body;
    expect(status.totals).to.deep.equal({ invited: 1, started: 1, submitted: 1, confirmed: 0 });
  });

  it('when a person is erased while a new link is being issued to them, then no link or invitation is issued to the erased person', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    const erase = () => request(t.app).delete(`/api/v1/engagements/${engagement.id}/people/${person.id}`).set(bearer(t.adminToken));
    // The re-issue has found the person; the erasure lands inside its transaction, before it revokes the old link.
    const { access } = t.components;
    let erased = false;
    const invited: Invitation[] = [];
    const engagements = createEngagements({
      connection: db.connection, config: t.config, schemas: new SchemaRegistry(t.config.paths.schemas), logger: silentLogger, now: t.clock.now,
      intakeRecords: createIntakeRecords(db.connection, t.clock.now), isTrainingModule: () => true,
      access: { ...access, revokeTokens: async (session, subjectId) => {
        if (!erased) erased = (await erase()).status === 204;
        return access.revokeTokens(session, subjectId);
      } },
      hooks: { onPeopleInvited: async (_session, invitations) => { invited.push(...invitations); } },
    });

    const reissue = await engagements.reissueInvite(FIRST_CONSULTANT_ID, engagement.id, person.id).then(() => undefined, (error: { status?: number }) => error);

    expect(erased).to.equal(true);
    expect(reissue?.status).to.equal(404);
    expect(invited).to.deep.equal([]);
  });

  it('when a person is erased while their first answers are being saved, then the save answers 404 and no answers of theirs are left behind', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    const erase = () => request(t.app).delete(`/api/v1/engagements/${engagement.id}/people/${person.id}`).set(bearer(t.adminToken));
    // The save has found the person on the roster; the erasure lands before its transaction writes.
    const { engagements, access } = t.components;
    const schemas = new SchemaRegistry(t.config.paths.schemas);
    const intake = createIntake({
      connection: db.connection, schemas, logger: silentLogger, now: t.clock.now, access,
      banks: loadQuestionBanks(t.config.paths.questionBanks, schemas),
      engagements: { ...engagements, isManager: async (engagementId, email) => ((await erase()).status === 204 ? engagements.isManager(engagementId, email) : false) },
    });
    const subject = { engagementId: engagement.id, personId: person.id };

    const save = await intake.saveDraft(subject, { kind: 'person', id: person.id }, { answers: { jobTitle: 'Planner' }, version: 0 }).then(() => undefined, (error: { status?: number }) => error);

    expect(save?.status).to.equal(404);
    expect(await db.connection.collection('intakes').countDocuments({ personId: new Types.ObjectId(person.id) })).to.equal(0);
  });
});
