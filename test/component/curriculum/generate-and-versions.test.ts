import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, bearer } from '../../support/intake-builders.ts';
import { computeShortlist, createScenario } from '../../support/shortlist-builders.ts';
import { expectToMatchSchema } from '../../support/schema-assertions.ts';
import {
  buildApprovedTeam, cohortIn, FINANCE_MODULES, FINANCE_TASKS, generateCurriculum, HR_MODULES, INVOICES, type CurriculumBody,
} from '../../support/curriculum-builders.ts';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/;

describe('POST /api/v1/engagements/:engagementId/curriculum', () => {
  const db = useTestDatabase('curriculum_generate');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when the shortlist is approved, then it answers 201 with version 1 in the fixed shape, start and end with the engagement\'s offset', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);

    const res = await request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum`).set(bearer(t.adminToken));

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.headers.location).to.equal(`/api/v1/engagements/${team.engagementId}/curriculum?version=1`);
    const body = res.body as CurriculumBody;
    expect(body).to.include({ version: 1, status: 'draft', timeZone: 'Europe/Berlin', generatedOn: '2026-03-02' });
    expectToMatchSchema('curriculum', body);
    expect(body.cohorts.map((c) => [c.id, c.department, c.roleLevel])).to.deep.equal([
      ['finance-contributor', 'Finance', 'contributor'],
      ['finance-manager', 'Finance', 'manager'],
      ['human-resources-contributor', 'Human Resources', 'contributor'],
    ]);
    const finance = cohortIn(body, 'finance-contributor');
    expect(finance.memberCount).to.equal(2);
    expect(finance.sessions.filter((s) => s.kind === 'training').map((s) => s.moduleId)).to.have.members(FINANCE_MODULES);
    for (const session of body.cohorts.flatMap((c) => c.sessions)) {
      expect(['opening', 'training', 'office-hours', 'reinforcement']).to.include(session.kind);
      expect(session.title).to.be.a('string').and.not.equal('');
      expect(session.start).to.match(ISO_WITH_OFFSET);
      expect(session.end).to.match(ISO_WITH_OFFSET);
      expect(Date.parse(session.end)).to.be.greaterThan(Date.parse(session.start));
    }
    // Berlin is on summer time in May: +02:00.
    const invoices = finance.sessions.find((s) => s.id === 'training-invoice-three-way-matching')!;
    expect(invoices.start.endsWith('+02:00')).to.equal(true);
    expect(invoices.servesTasks!.map((task) => task.text)).to.deep.equal([INVOICES, INVOICES]);
    expect(finance.guardrails.map((g) => g.rule)).to.include.members([
      'Never enter into an AI tool: bank or card details.',
      'Never enter into an AI tool: Supplier bank statements.',
      'Approval before AI output is used: your manager approves it.',
    ]);
    expect(cohortIn(body, 'human-resources-contributor').sessions.filter((s) => s.kind === 'training').map((s) => s.moduleId)).to.have.members(HR_MODULES);
  });

  it('when it is generated twice, then both versions are kept: the latest by default, the first with ?version=1, both in the list', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const path = `/api/v1/engagements/${team.engagementId}/curriculum`;
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    t.clock.advanceDays(1);

    const second = await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const latest = await request(t.app).get(path).set(bearer(t.adminToken));
    const first = await request(t.app).get(`${path}?version=1`).set(bearer(t.adminToken));
    const versions = await request(t.app).get(`${path}/versions`).set(bearer(t.adminToken));
    const missing = await request(t.app).get(`${path}?version=9`).set(bearer(t.adminToken));

    expect(second.version).to.equal(2);
    expect(latest.status).to.equal(200);
    expect(latest.body).to.include({ version: 2, generatedOn: '2026-03-03' });
    expect(first.body).to.include({ version: 1, generatedOn: '2026-03-02' });
    expect(cohortIn(first.body, 'finance-contributor').sessions.find((s) => s.kind === 'training')!.servesTasks).to.have.length.greaterThan(0);
    expect(versions.status).to.equal(200);
    expectToMatchSchema('curriculum-versions', versions.body);
    expect(versions.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).to.deep.equal([[2, 'draft'], [1, 'draft']]);
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('curriculum-version-not-found');
  });

  it('when two consultants generate at the same moment, then each gets its own version number', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);

    const [a, b] = await Promise.all([
      request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum`).set(bearer(t.adminToken)),
      request(t.app).post(`/api/v1/engagements/${team.engagementId}/curriculum`).set(bearer(t.adminToken)),
    ]);

    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect([a.body.version, b.body.version].sort()).to.deep.equal([1, 2]);
  });

  it('when the latest shortlist is not approved, then it answers 409 shortlist-not-approved and stores nothing', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport(FINANCE_TASKS);
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    const res = await request(t.app).post(`/api/v1/engagements/${s.engagementId}/curriculum`).set(bearer(t.adminToken));
    const versions = await request(t.app).get(`/api/v1/engagements/${s.engagementId}/curriculum/versions`).set(bearer(t.adminToken));

    expect(res.status).to.equal(409);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body).to.include({ code: 'shortlist-not-approved' });
    expect(res.body.detail).to.match(/not approved/);
    expect(versions.body.versions).to.deep.equal([]);
  });

  it('when there is no shortlist at all, then it answers 409 shortlist-not-computed, and GET answers 404 curriculum-not-found', async () => {
    const s = await createScenario(t.app, t.adminToken);

    const res = await request(t.app).post(`/api/v1/engagements/${s.engagementId}/curriculum`).set(bearer(t.adminToken));
    const get = await request(t.app).get(`/api/v1/engagements/${s.engagementId}/curriculum`).set(bearer(t.adminToken));

    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('shortlist-not-computed');
    expect(get.status).to.equal(404);
    expect(get.body.code).to.equal('curriculum-not-found');
  });

  it('when another consultant asks, then every curriculum route answers 404; a person\'s token gets 403', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const other = await addConsultant(t.app, t.adminToken);
    const path = `/api/v1/engagements/${team.engagementId}/curriculum`;

    const answers = await Promise.all([
      request(t.app).post(path).set(bearer(other.token)),
      request(t.app).get(path).set(bearer(other.token)),
      request(t.app).get(`${path}/versions`).set(bearer(other.token)),
      request(t.app).get(`${path}.html`).set(bearer(other.token)),
      request(t.app).get(`${path}.ics`).set(bearer(other.token)),
      request(t.app).post(`${path}/publish`).set(bearer(other.token)),
    ]);
    const asPerson = await request(t.app).get(path).set(bearer(team.finance[0].token));

    expect(answers.map((r) => r.status)).to.deep.equal([404, 404, 404, 404, 404, 404]);
    expect(answers.map((r) => r.body.code)).to.deep.equal(Array(6).fill('engagement-not-found'));
    expect(asPerson.status).to.equal(403);
    expect(asPerson.body.code).to.equal('consultant-only');
  });
});
