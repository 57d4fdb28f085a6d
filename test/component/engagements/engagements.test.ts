import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer, buildEngagementInput, createEngagement } from '../../support/intake-builders.ts';

describe('POST /api/v1/engagements', () => {
  const db = useTestDatabase('engagements_create');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  const post = (body: unknown) => request(t.app).post('/api/v1/engagements').set(bearer(t.adminToken)).send(body as object);

  it('when the time zone is left out, then the engagement is created in UTC with no modules or milestones', async () => {
    const res = await post({ name: 'Pilot', client: 'Contoso', departments: ['HR'] });

    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal(`/api/v1/engagements/${res.body.id}`);
    expect(res.body).to.deep.include({ name: 'Pilot', client: 'Contoso', departments: ['HR'], timeZone: 'UTC', moduleIds: [], milestones: [] });
    expect(res.body).to.not.have.property('consultantId');
  });

  it('when fields have the wrong type, are unknown, or smuggle a Mongo operator, then answers 400 naming each field', async () => {
    const res = await post({ name: { $gt: '' }, client: 42, departments: 'HR', colour: 'red' });

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('invalid-request');
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).to.include.members(['/name', '/client', '/departments', '/colour']);
  });

  it('when a creation is sent twice with one Idempotency-Key (a retry after a lost answer), then one engagement is opened and both answers name it', async () => {
    const body = { name: 'Retried pilot', client: 'Contoso', departments: ['HR'] };
    const send = (key: string) => request(t.app).post('/api/v1/engagements').set(bearer(t.adminToken)).set('Idempotency-Key', key).send(body);

    const [first, retry] = await Promise.all([send('retry-key-0001'), send('retry-key-0001')]);
    const other = await send('retry-key-0002');
    const listed = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.filter((e: { name: string }) => e.name === 'Retried pilot');

    expect([first.status, retry.status]).to.deep.equal([201, 201]);
    expect(retry.body.id).to.equal(first.body.id);
    expect(other.body.id).not.to.equal(first.body.id);
    expect(listed).to.have.length(2);
  });

  it('when an Idempotency-Key already used is sent with a different engagement, then answers 422 and opens nothing', async () => {
    const send = (name: string) => request(t.app).post('/api/v1/engagements').set(bearer(t.adminToken)).set('Idempotency-Key', 'reused-key-0001').send({ name, client: 'Contoso', departments: ['HR'] });
    const first = await send('Spring pilot');

    const reused = await send('Autumn pilot');

    expect(first.status).to.equal(201);
    expect(reused.status).to.equal(422);
    expect(reused.body).to.include({ code: 'idempotency-key-reused', engagementId: first.body.id });
    const names = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.map((e: { name: string }) => e.name);
    expect(names).to.include('Spring pilot').and.not.to.include('Autumn pilot');
  });

  it('when an Idempotency-Key is not a plain token of 8 to 128 characters, then answers 400 and opens nothing', async () => {
    for (const key of ['short', 'has spaces in it', 'x'.repeat(129)]) {
      const res = await request(t.app).post('/api/v1/engagements').set(bearer(t.adminToken)).set('Idempotency-Key', key).send({ name: 'Odd key', client: 'Contoso', departments: ['HR'] });

      expect(res.status, key).to.equal(400);
    }
    const listed = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements;
    expect(listed.map((e: { name: string }) => e.name)).not.to.include('Odd key');
  });

  it('when the time zone is typed in other letter case, then it is stored as the IANA name is written', async () => {
    const res = await post({ name: 'Lower case zone', client: 'Contoso', departments: ['HR'], timeZone: 'europe/berlin' });

    expect(res.status).to.equal(201);
    expect(res.body.timeZone).to.equal('Europe/Berlin');
  });

  it('when the time zone is not an IANA name or a milestone names an unknown department, then answers 422 pointing at them', async () => {
    const res = await post(buildEngagementInput({ timeZone: 'Mars/Olympus', milestones: [{ department: 'Legal', workflow: 'Contract review', goLive: '2026-05-01' }] }));

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('engagement-invalid');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/timeZone', '/milestones/0/department']);
  });

  it('when the engagement names a training module the library does not have, then answers 422 pointing at it and nothing is stored', async () => {
    const before = await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken));

    const res = await post(buildEngagementInput({ moduleIds: ['invoice-three-way-matching', 'invoice-processing'] }));
    const after = await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken));

    expect(res.status).to.equal(422);
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0].pointer).to.equal('/moduleIds/1');
    expect(res.body.errors[0].message).to.contain('invoice-processing');
    expect(after.body.engagements).to.have.length(before.body.engagements.length);
  });

  it('when a go-live date is not an ISO date, then answers 400', async () => {
    const res = await post(buildEngagementInput({ milestones: [{ department: 'Finance', workflow: 'Close', goLive: '01/06/2026' }] }));

    expect(res.status).to.equal(400);
    expect(res.body.errors[0].pointer).to.equal('/milestones/0/goLive');
  });

  it('when the body is not JSON, then answers 400 malformed-json', async () => {
    const res = await request(t.app).post('/api/v1/engagements').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('{"name": ');

    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('malformed-json');
  });
});

describe('GET and PATCH /api/v1/engagements/:engagementId', () => {
  const db = useTestDatabase('engagements_read');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when the consultant lists engagements, then only their own come back, newest first', async () => {
    const first = await createEngagement(t.app, t.adminToken, { name: 'First' });
    const second = await createEngagement(t.app, t.adminToken, { name: 'Second' });

    const res = await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken));

    expect(res.status).to.equal(200);
    expect(res.body.engagements.map((e: { id: string }) => e.id).slice(0, 2)).to.deep.equal([second.id, first.id]);
  });

  it('when the id is not an id at all, then answers 404 like any unknown engagement', async () => {
    const res = await request(t.app).get('/api/v1/engagements/not-an-id').set(bearer(t.adminToken));

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('engagement-not-found');
  });

  it('when milestones and departments are changed, then the new values are stored; removing a department in use is refused', async () => {
    const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'], milestones: [] });
    await request(t.app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken))
      .send({ people: [{ name: 'Ana', email: 'ana@x.test', department: 'Operations', roleLevel: 'contributor' }] });

    const changed = await request(t.app).patch(`/api/v1/engagements/${engagement.id}`).set(bearer(t.adminToken))
      .send({ departments: ['Finance', 'Operations', 'HR'], milestones: [{ department: 'hr', workflow: 'Job descriptions', goLive: '2026-09-01' }] });
    const refused = await request(t.app).patch(`/api/v1/engagements/${engagement.id}`).set(bearer(t.adminToken)).send({ departments: ['Finance'] });

    expect(changed.status).to.equal(200);
    expect(changed.body.milestones).to.deep.equal([{ department: 'HR', workflow: 'Job descriptions', goLive: '2026-09-01' }]);
    expect(refused.status).to.equal(409);
    expect(refused.body.code).to.equal('department-in-use');
    const read = await request(t.app).get(`/api/v1/engagements/${engagement.id}`).set(bearer(t.adminToken));
    expect(read.body.departments).to.deep.equal(['Finance', 'Operations', 'HR']);
  });

  it('when removing a department in use is refused, then the API document describes that answer for the change', async () => {
    const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'], milestones: [] });
    await request(t.app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken))
      .send({ people: [{ name: 'Ana', email: 'ana@x.test', department: 'Operations', roleLevel: 'contributor' }] });

    const refused = await request(t.app).patch(`/api/v1/engagements/${engagement.id}`).set(bearer(t.adminToken)).send({ departments: ['Finance'] });
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;

    const described = doc.paths['/api/v1/engagements/{engagementId}'].patch.responses[String(refused.status)];
    expect(refused.body.code).to.equal('department-in-use');
    expect(described?.description ?? '', JSON.stringify(Object.keys(doc.paths['/api/v1/engagements/{engagementId}'].patch.responses))).to.contain('department-in-use');
  });

  it('when a department in use is respelled (case or spacing), then its people move with it and the status shows one department', async () => {
    const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'], milestones: [] });
    const add = (email: string) => request(t.app).post(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken))
      .send({ people: [{ name: 'Ana', email, department: 'Operations', roleLevel: 'contributor' }] });
    await add('before@x.test');

    const changed = await request(t.app).patch(`/api/v1/engagements/${engagement.id}`).set(bearer(t.adminToken)).send({ departments: ['Finance', 'operations '] });
    await add('after@x.test');

    expect(changed.status).to.equal(200);
    expect(changed.body.departments).to.deep.equal(['Finance', 'operations']);
    const people = await request(t.app).get(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken));
    expect(people.body.people.map((p: { department: string }) => p.department)).to.deep.equal(['operations', 'operations']);
    const status = await request(t.app).get(`/api/v1/engagements/${engagement.id}/status`).set(bearer(t.adminToken));
    expect(status.body.departments).to.deep.equal([
      { department: 'Finance', invited: 0, started: 0, submitted: 0, confirmed: 0 },
      { department: 'operations', invited: 2, started: 0, submitted: 0, confirmed: 0 },
    ]);
  });
});
