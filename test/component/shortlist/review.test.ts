import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, moduleOf, type ShortlistBody } from '../../support/shortlist-builders.ts';
import { FIRST_CONSULTANT_ID } from '../../../src/access/index.ts';

const FINANCE = [
  { text: 'Match invoices to purchase orders and goods receipts', hoursPerWeek: 4 },
  { text: 'Write variance commentary for the monthly management accounts', hoursPerWeek: 3 },
  { text: 'Water the office plants', hoursPerWeek: 1 },
];
const HR = [
  { text: 'Write job descriptions for new roles', hoursPerWeek: 5 },
  { text: 'Screen CVs and applications against the job requirements', hoursPerWeek: 8 },
  { text: 'Book travel for the team offsite', hoursPerWeek: 1 },
];
const NOW = '2026-03-02T09:00:00.000Z';

describe('PATCH /api/v1/engagements/:engagementId/shortlist', () => {
  const db = useTestDatabase('shortlist_review');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  /** An engagement with a Finance and an HR cohort and a computed shortlist. */
  async function reviewable(engagement: Record<string, unknown> = {}): Promise<{ engagementId: string; computed: ShortlistBody }> {
    const s = await createScenario(t.app, t.adminToken, engagement);
    await s.addReport(FINANCE);
    await s.addReport(HR, { department: 'Human Resources' });
    return { engagementId: s.engagementId, computed: await computeShortlist(t.app, t.adminToken, s.engagementId) };
  }
  const patch = (engagementId: string, body: unknown) => request(t.app).patch(`/api/v1/engagements/${engagementId}/shortlist`).set(bearer(t.adminToken)).send(body as object);
  const get = (engagementId: string) => request(t.app).get(`/api/v1/engagements/${engagementId}/shortlist`).set(bearer(t.adminToken));

  it('when a consultant approves, rejects, pins and moves modules with notes, then each decision shows who and when, in the decision log too', async () => {
    const { engagementId } = await reviewable();

    const res = await patch(engagementId, {
      cohorts: [{
        id: 'finance-contributor',
        modules: [
          { moduleId: 'invoice-three-way-matching', decision: 'reject', note: 'They move to a new AP system in May.' },
          { moduleId: 'month-end-variance-commentary', decision: 'approve', position: 1, note: '  Controller asked for it.  ' },
          { moduleId: 'sprint-planning-and-ticket-refinement', decision: 'pin', position: 2 },
        ],
      }],
    });

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const finance = cohortOf(res.body, 'finance-contributor');
    expect(finance.modules.map((m) => [m.moduleId, m.position, m.decision])).to.deep.equal([
      ['month-end-variance-commentary', 1, 'approved'],
      ['sprint-planning-and-ticket-refinement', 2, 'pinned'],
      ['invoice-three-way-matching', 3, 'rejected'],
    ]);
    expect(moduleOf(finance, 'month-end-variance-commentary')).to.include({ note: 'Controller asked for it.', decidedBy: FIRST_CONSULTANT_ID, decidedAt: NOW, isPinned: false });
    expect(moduleOf(finance, 'sprint-planning-and-ticket-refinement')).to.include({ isPinned: true, isAddedByConsultant: true, rank: null, coverage: 0 });
    expect(res.body.decisionLog.slice(1)).to.deep.equal([
      { at: NOW, by: FIRST_CONSULTANT_ID, action: 'reject', cohortId: 'finance-contributor', moduleId: 'invoice-three-way-matching', note: 'They move to a new AP system in May.' },
      { at: NOW, by: FIRST_CONSULTANT_ID, action: 'approve', cohortId: 'finance-contributor', moduleId: 'month-end-variance-commentary', position: 1, note: 'Controller asked for it.' },
      { at: NOW, by: FIRST_CONSULTANT_ID, action: 'pin', cohortId: 'finance-contributor', moduleId: 'sprint-planning-and-ticket-refinement', position: 2 },
    ]);
    expect((await get(engagementId)).body).to.deep.equal(res.body);
  });

  it('when a module the engagement gained after the shortlist was computed is pinned, then it joins the list with its coverage measured on the cohort\'s tasks', async () => {
    const { engagementId } = await reviewable({ moduleIds: ['invoice-three-way-matching', 'job-description-drafting', 'interview-guides-and-screening'] });
    const widened = await request(t.app).patch(`/api/v1/engagements/${engagementId}`).set(bearer(t.adminToken))
      .send({ moduleIds: ['invoice-three-way-matching', 'job-description-drafting', 'interview-guides-and-screening', 'month-end-variance-commentary'] });
    expect(widened.status).to.equal(200);

    const res = await patch(engagementId, { cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'month-end-variance-commentary', decision: 'pin' }] }] });

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const pinned = moduleOf(cohortOf(res.body, 'finance-contributor'), 'month-end-variance-commentary');
    expect(pinned).to.include({ decision: 'pinned', isAddedByConsultant: true, rank: null, coverage: 0.375, coveredHours: 3 });
    expect(pinned.tasks.map((task) => task.text)).to.deep.equal(['Write variance commentary for the monthly management accounts']);
    expect(pinned.tasks[0].evidence.sharedTerms).to.include('variance');
  });

  it('when the shortlist is approved while a cohort has no approved or pinned module, then answers 409 naming the cohort and saves nothing', async () => {
    const { engagementId } = await reviewable();

    const res = await patch(engagementId, {
      cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] }],
      status: 'approved',
    });

    expect(res.status).to.equal(409);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('cohorts-without-modules');
    expect(res.body.cohorts).to.deep.equal([{ id: 'human-resources-contributor', department: 'Human Resources', roleLevel: 'contributor' }]);
    expect(res.body.detail).to.contain('human-resources-contributor');
    const after = (await get(engagementId)).body;
    expect(after.status).to.equal('draft');
    expect(moduleOf(cohortOf(after, 'finance-contributor'), 'invoice-three-way-matching').decision).to.equal('pending');
  });

  it('when every cohort has an approved or pinned module, then the shortlist is approved; a later decision reopens it', async () => {
    const { engagementId } = await reviewable();

    const approved = await patch(engagementId, {
      cohorts: [
        { id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] },
        { id: 'human-resources-contributor', modules: [{ moduleId: 'interview-guides-and-screening', decision: 'pin' }] },
      ],
      status: 'approved',
    });
    const reopened = await patch(engagementId, { cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'reject' }] }] });

    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.status).to.equal('approved');
    expect(approved.body.decisionLog.at(-1)).to.deep.equal({ at: NOW, by: FIRST_CONSULTANT_ID, action: 'approve-shortlist' });
    expect(reopened.body.status).to.equal('draft');
    expect(reopened.body.decisionLog.slice(-2).map((e: { action: string }) => e.action)).to.deep.equal(['reject', 'reopen']);
  });

  it('when the review names an unknown cohort or module, an unlisted module without pinning it, a position past the list, or a module twice, then answers 422 pointing at each and saves nothing', async () => {
    const { engagementId, computed } = await reviewable();
    const financeCount = cohortOf(computed, 'finance-contributor').modules.length;

    const res = await patch(engagementId, {
      cohorts: [
        { id: 'finance-leader', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] },
        {
          id: 'finance-contributor',
          modules: [
            { moduleId: 'underwater-basket-weaving', decision: 'pin' },
            { moduleId: 'sprint-planning-and-ticket-refinement', decision: 'approve' },
            { moduleId: 'invoice-three-way-matching', decision: 'approve', position: financeCount + 1 },
            { moduleId: 'month-end-variance-commentary', decision: 'approve' },
            { moduleId: 'month-end-variance-commentary', decision: 'reject' },
          ],
        },
      ],
      status: 'approved',
    });

    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('shortlist-review-invalid');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([
      '/cohorts/0/id',
      '/cohorts/1/modules/0/moduleId',
      '/cohorts/1/modules/1/moduleId',
      '/cohorts/1/modules/2/position',
      '/cohorts/1/modules/4/moduleId',
    ]);
    expect(res.body.errors[2].message).to.contain('pin it');
    const after = (await get(engagementId)).body;
    expect(after.revision).to.equal(computed.revision);
    expect(after.decisionLog).to.have.length(1);
  });

  it('when the shortlist has no cohorts (nobody had submitted tasks), then approving it answers 409 shortlist-empty and it stays a draft', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    const res = await patch(s.engagementId, { status: 'approved' });
    const after = await get(s.engagementId);
    const curriculum = await request(t.app).post(`/api/v1/engagements/${s.engagementId}/curriculum`).set(bearer(t.adminToken));

    expect(res.status).to.equal(409);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.code).to.equal('shortlist-empty');
    expect(after.body.status).to.equal('draft');
    expect(after.body.decisionLog.map((e: { action: string }) => e.action)).to.deep.equal(['compute']);
    expect(curriculum.status).to.equal(409);
  });

  it('when the review names a version that is no longer the latest, then answers 409 shortlist-version-stale and saves nothing on either version', async () => {
    const { engagementId } = await reviewable();
    await computeShortlist(t.app, t.adminToken, engagementId);
    const decision = { cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] }], status: 'approved' };

    const stale = await patch(engagementId, { ...decision, version: 1 });
    const future = await patch(engagementId, { ...decision, version: 3 });
    const latest = await get(engagementId);
    const first = await request(t.app).get(`/api/v1/engagements/${engagementId}/shortlist?version=1`).set(bearer(t.adminToken));
    const current = await patch(engagementId, { cohorts: decision.cohorts, version: 2 });

    for (const res of [stale, future]) {
      expect(res.status).to.equal(409);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body).to.include({ code: 'shortlist-version-stale', latestVersion: 2 });
    }
    for (const version of [latest.body, first.body]) {
      expect(version.status).to.equal('draft');
      expect(moduleOf(cohortOf(version, 'finance-contributor'), 'invoice-three-way-matching').decision).to.equal('pending');
    }
    expect(current.status).to.equal(200);
    expect(moduleOf(cohortOf(current.body, 'finance-contributor'), 'invoice-three-way-matching').decision).to.equal('approved');
  });

  it('when the body breaks the schema, then answers 400; when nothing was computed yet, 404', async () => {
    const { engagementId } = await reviewable();
    const empty = await createScenario(t.app, t.adminToken);

    const bad = await patch(engagementId, { cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'x', decision: 'maybe' }] }] });
    const nothing = await patch(engagementId, {});
    const wrongStatus = await patch(engagementId, { status: 'draft' });
    const missing = await patch(empty.engagementId, { status: 'approved' });

    expect([bad.status, nothing.status, wrongStatus.status]).to.deep.equal([400, 400, 400]);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/cohorts/0/modules/0/decision');
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('shortlist-not-found');
  });
});
