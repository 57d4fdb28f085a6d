import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { createModuleCatalogue } from '../../../src/library/index.ts';
import { buildTrainingModule } from '../../unit/matching/build-training-module.ts';

describe('GET /api/v1/modules', () => {
  const db = useTestDatabase('library_modules');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when a consultant lists the library, then every shipped training module comes back in id order with its full content', async () => {
    const res = await request(t.app).get('/api/v1/modules').set(bearer(t.adminToken));

    expect(res.status).to.equal(200);
    const ids = res.body.modules.map((m: { id: string }) => m.id);
    expect(ids).to.have.length.within(12, 15);
    expect(ids).to.deep.equal([...ids].sort());
    const invoices = res.body.modules.find((m: { id: string }) => m.id === 'invoice-three-way-matching');
    expect(invoices).to.include.keys(['title', 'department', 'summary', 'tasks', 'exercises', 'guardrails', 'metrics']);
  });

  it('when the app is built with another library, then that library is listed and used for matching', async () => {
    const library = createModuleCatalogue([
      buildTrainingModule({ id: 'plant-care', title: 'Office plant care', department: 'Facilities', tasks: ['watering the office plants'] }),
      buildTrainingModule({ id: 'badge-desk', title: 'Visitor badges', department: 'Facilities', tasks: ['printing visitor badges at reception'] }),
    ]);
    const other = buildTestApp(db.connection, { overrides: { modules: library } });

    const list = await request(other.app).get('/api/v1/modules').set(bearer(other.adminToken));
    const matched = await request(other.app).post('/api/v1/match').set(bearer(other.adminToken)).send({ tasks: [{ id: '1', text: 'Water the office plants' }] });

    expect(list.body.modules.map((m: { id: string }) => m.id)).to.deep.equal(['badge-desk', 'plant-care']);
    expect(matched.body.results[0]).to.include({ gap: false });
    expect(matched.body.results[0].matches[0].moduleId).to.equal('plant-care');
  });

  it('when a personal token asks, then answers 403 consultant-only', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);

    const res = await request(t.app).get('/api/v1/modules').set(bearer(person.token));

    expect(res.status).to.equal(403);
    expect(res.body.code).to.equal('consultant-only');
  });
});

describe('GET /api/v1/modules/:moduleId', () => {
  const db = useTestDatabase('library_module');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when the id is in the library, then answers the training module', async () => {
    const res = await request(t.app).get('/api/v1/modules/job-description-drafting').set(bearer(t.adminToken));

    expect(res.status).to.equal(200);
    expect(res.body).to.include({ id: 'job-description-drafting', department: 'Human Resources' });
    expect(res.body.tasks).to.include('writing job descriptions for new roles');
  });

  it('when the id is unknown, then answers 404 module-not-found as problem+json', async () => {
    const res = await request(t.app).get('/api/v1/modules/underwater-basket-weaving').set(bearer(t.adminToken));

    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('module-not-found');
  });

  it('when no token is sent, then answers 401', async () => {
    const res = await request(t.app).get('/api/v1/modules/job-description-drafting');

    expect(res.status).to.equal(401);
  });
});
