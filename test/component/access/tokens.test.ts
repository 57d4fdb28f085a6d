import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('personal and consultant tokens', () => {
  const db = useTestDatabase('access_tokens');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection, { env: { INVITE_TTL_DAYS: '10' } });
  });

  describe('GET /api/v1/me/intake', () => {
    it('when no token is sent, then answers 401 token-missing as problem+json', async () => {
      const res = await request(t.app).get('/api/v1/me/intake');

      expect(res.status).to.equal(401);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.body).to.include({ code: 'token-missing', status: 401 });
    });

    it('when the token is made up, then answers 401 token-invalid', async () => {
      const res = await request(t.app).get('/api/v1/me/intake').set(bearer('x'.repeat(32)));

      expect(res.status).to.equal(401);
      expect(res.body.code).to.equal('token-invalid');
    });

    it('when the invitation is older than INVITE_TTL_DAYS, then answers 401 token-expired; a day before, it works', async () => {
      const engagement = await createEngagement(t.app, t.adminToken);
      const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
      expect(new Date(person.expiresAt as string).getTime() - t.clock.now().getTime()).to.equal(10 * 24 * 3600 * 1000);

      t.clock.advanceDays(9);
      const before = await request(t.app).get('/api/v1/me/intake').set(bearer(person.token));
      t.clock.advanceDays(1);
      const after = await request(t.app).get('/api/v1/me/intake').set(bearer(person.token));

      expect(before.status).to.equal(200);
      expect(after.status).to.equal(401);
      expect(after.body.code).to.equal('token-expired');
    });
  });

  describe('POST /api/v1/engagements/:engagementId/people/:personId/token', () => {
    it('when a consultant re-issues a link, then the new token works and the old one answers 401 token-revoked', async () => {
      const engagement = await createEngagement(t.app, t.adminToken);
      const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);

      const res = await request(t.app).post(`/api/v1/engagements/${engagement.id}/people/${person.id}/token`).set(bearer(t.adminToken));

      expect(res.status).to.equal(201);
      expect(res.body.token).to.be.a('string').and.not.equal(person.token);
      expect(res.body.inviteUrl).to.equal(`http://tailor.test/i/${res.body.token}`);
      expect((await request(t.app).get('/api/v1/me').set(bearer(res.body.token))).status).to.equal(200);
      const old = await request(t.app).get('/api/v1/me').set(bearer(person.token));
      expect(old.status).to.equal(401);
      expect(old.body.code).to.equal('token-revoked');
    });

    it('when a link is re-issued days later, then the person counts as invited again from then, so their reminders start over', async () => {
      const engagement = await createEngagement(t.app, t.adminToken);
      const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
      t.clock.advanceDays(12);

      await request(t.app).post(`/api/v1/engagements/${engagement.id}/people/${person.id}/token`).set(bearer(t.adminToken));
      const listed = (await request(t.app).get(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken))).body.people;

      expect(listed.find((p: { id: string }) => p.id === person.id).invitedAt).to.equal(t.clock.now().toISOString());
    });

    it('when a consultant revokes a person\'s links, then the person is signed out', async () => {
      const engagement = await createEngagement(t.app, t.adminToken);
      const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);

      const res = await request(t.app).delete(`/api/v1/engagements/${engagement.id}/people/${person.id}/token`).set(bearer(t.adminToken));

      expect(res.status).to.equal(204);
      expect((await request(t.app).get('/api/v1/me').set(bearer(person.token))).body.code).to.equal('token-revoked');
    });
  });

  describe('token kinds', () => {
    it('when a person token calls a consultant route, or a consultant token a person route, then answers 403', async () => {
      const engagement = await createEngagement(t.app, t.adminToken);
      const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);

      const asPerson = await request(t.app).get('/api/v1/engagements').set(bearer(person.token));
      const asConsultant = await request(t.app).get('/api/v1/me/intake').set(bearer(t.adminToken));

      expect(asPerson.status).to.equal(403);
      expect(asPerson.body.code).to.equal('consultant-only');
      expect(asConsultant.status).to.equal(403);
      expect(asConsultant.body.code).to.equal('person-only');
    });
  });

  describe('POST /api/v1/consultants', () => {
    it('when the administrator adds a consultant, then they get a token (once) that signs them in', async () => {
      const res = await request(t.app).post('/api/v1/consultants').set(bearer(t.adminToken)).send({ name: 'Grace Hopper', email: 'Grace@Tailor.test' });

      expect(res.status).to.equal(201);
      expect(res.body).to.include({ name: 'Grace Hopper', email: 'grace@tailor.test', isAdmin: false });
      const me = await request(t.app).get('/api/v1/consultants/me').set(bearer(res.body.token));
      expect(me.status).to.equal(200);
      expect(me.body).to.deep.equal({ id: res.body.id, name: 'Grace Hopper', email: 'grace@tailor.test', isAdmin: false });
    });

    it('when a consultant who is not an administrator tries, then answers 403 admin-only', async () => {
      const other = await addConsultant(t.app, t.adminToken);

      const res = await request(t.app).post('/api/v1/consultants').set(bearer(other.token)).send({ name: 'Eve', email: 'eve@tailor.test' });

      expect(res.status).to.equal(403);
      expect(res.body.code).to.equal('admin-only');
    });

    it('when the email is taken or not an email, then answers 409 or 400 and adds nobody', async () => {
      await request(t.app).post('/api/v1/consultants').set(bearer(t.adminToken)).send({ name: 'Ada', email: 'ada@tailor.test' });

      const taken = await request(t.app).post('/api/v1/consultants').set(bearer(t.adminToken)).send({ name: 'Ada again', email: 'ADA@tailor.test' });
      const invalid = await request(t.app).post('/api/v1/consultants').set(bearer(t.adminToken)).send({ name: 'Bob', email: 'not-an-email' });

      expect(taken.status).to.equal(409);
      expect(taken.body.code).to.equal('consultant-exists');
      expect(invalid.status).to.equal(400);
      expect(invalid.body.errors).to.deep.include({ pointer: '/email', message: 'must match format "email"' });
    });
  });
});
