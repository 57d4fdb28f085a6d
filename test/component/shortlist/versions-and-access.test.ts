import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, bearer } from '../../support/intake-builders.ts';
import { computeShortlist, createScenario, type Scenario } from '../../support/shortlist-builders.ts';

const TASKS = [
  { text: 'Match invoices to purchase orders and goods receipts', hoursPerWeek: 4 },
  { text: 'Write the weekly stock report', hoursPerWeek: 2 },
  { text: 'Water the office plants', hoursPerWeek: 1 },
];

describe('GET /api/v1/engagements/:engagementId/shortlist', () => {
  const db = useTestDatabase('shortlist_versions');
  let t: TestApp;
  let s: Scenario;
  const get = (query = '', token = t.adminToken) => request(t.app).get(`/api/v1/engagements/${s.engagementId}/shortlist${query}`).set(bearer(token));

  before(async () => {
    t = buildTestApp(db.connection);
    s = await createScenario(t.app, t.adminToken);
  });

  it('when no shortlist was computed yet, then answers 404 shortlist-not-found', async () => {
    const res = await get();

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('shortlist-not-found');
  });

  it('when shortlists are computed again, then each is a new version, the latest is returned and earlier ones are kept', async () => {
    await s.addReport(TASKS);
    const first = await computeShortlist(t.app, t.adminToken, s.engagementId);
    await s.addReport(TASKS, { department: 'Operations' });
    t.clock.advanceDays(1);
    const second = await computeShortlist(t.app, t.adminToken, s.engagementId);

    const latest = await get();
    const earlier = await get('?version=1');

    expect([first.version, second.version]).to.deep.equal([1, 2]);
    expect(latest.status).to.equal(200);
    expect(latest.body).to.include({ version: 2, latestVersion: 2, id: second.id });
    expect(latest.body.cohorts.map((c: { id: string }) => c.id)).to.deep.equal(['finance-contributor', 'operations-contributor']);
    expect(earlier.body).to.include({ version: 1, latestVersion: 2, id: first.id, computedAt: '2026-03-02T09:00:00.000Z' });
    expect(earlier.body.cohorts.map((c: { id: string }) => c.id)).to.deep.equal(['finance-contributor']);
  });

  it('when a version does not exist or is not a number, then answers 404 or 400', async () => {
    const missing = await get('?version=99');
    const bad = await get('?version=first');

    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('shortlist-version-not-found');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].pointer).to.equal('/query/version');
  });

  it('when another consultant asks for, computes or reviews it, then answers 404 engagement-not-found and changes nothing', async () => {
    const other = await addConsultant(t.app, t.adminToken);
    const path = `/api/v1/engagements/${s.engagementId}/shortlist`;
    const before = (await get()).body;

    const responses = [
      await request(t.app).get(path).set(bearer(other.token)),
      await request(t.app).post(path).set(bearer(other.token)),
      await request(t.app).patch(path).set(bearer(other.token)).send({ status: 'approved' }),
    ];

    for (const res of responses) {
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('engagement-not-found');
    }
    expect((await get()).body).to.deep.equal(before);
  });

  it('when a person of the engagement uses their personal token, then answers 403 consultant-only; without a token 401', async () => {
    const person = await s.addReport(TASKS);
    const path = `/api/v1/engagements/${s.engagementId}/shortlist`;

    const personal = [
      await request(t.app).get(path).set(bearer(person.token)),
      await request(t.app).post(path).set(bearer(person.token)),
      await request(t.app).patch(path).set(bearer(person.token)).send({ status: 'approved' }),
    ];
    const anonymous = await request(t.app).get(path);

    for (const res of personal) {
      expect(res.status).to.equal(403);
      expect(res.body.code).to.equal('consultant-only');
    }
    expect(anonymous.status).to.equal(401);
  });

  it('when the engagement id is not an engagement at all, then answers 404', async () => {
    const res = await request(t.app).post('/api/v1/engagements/not-an-id/shortlist').set(bearer(t.adminToken));

    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('engagement-not-found');
  });
});
