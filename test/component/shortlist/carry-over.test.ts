import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, moduleOf } from '../../support/shortlist-builders.ts';

const INVOICES = { text: 'Match invoices to purchase orders and goods receipts', hoursPerWeek: 4 };
const VARIANCE = { text: 'Write variance commentary for the monthly management accounts', hoursPerWeek: 3 };
const STOCK = { text: 'Write the weekly stock report', hoursPerWeek: 2 };
const PLANTS = { text: 'Water the office plants', hoursPerWeek: 1 };
const HR = [
  { text: 'Write job descriptions for new roles', hoursPerWeek: 5 },
  { text: 'Screen CVs and applications against the job requirements', hoursPerWeek: 8 },
  { text: 'Book travel for the team offsite', hoursPerWeek: 1 },
];

describe('POST /api/v1/engagements/:engagementId/shortlist after a review', () => {
  const db = useTestDatabase('shortlist_carry_over');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when the roster changed, then decisions carry over where cohort and module remain, and what could not be carried is reported', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([INVOICES, VARIANCE, PLANTS]);
    const stockKeeper = await s.addReport([STOCK, { text: 'Reorder the printer paper', hoursPerWeek: 1 }, PLANTS]);
    const recruiter = await s.addReport(HR, { department: 'Human Resources' });
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    const review = await request(t.app).patch(`/api/v1/engagements/${s.engagementId}/shortlist`).set(bearer(t.adminToken)).send({
      cohorts: [
        {
          id: 'finance-contributor',
          modules: [
            { moduleId: 'invoice-three-way-matching', decision: 'approve', note: 'AP team first.' },
            { moduleId: 'month-end-variance-commentary', decision: 'reject' },
            { moduleId: 'inventory-report-summaries', decision: 'approve' },
            { moduleId: 'policy-and-procedure-drafting', decision: 'pin', position: 1 },
          ],
        },
        { id: 'human-resources-contributor', modules: [{ moduleId: 'job-description-drafting', decision: 'approve' }] },
      ],
      status: 'approved',
    });
    expect(review.status, JSON.stringify(review.body)).to.equal(200);
    for (const person of [stockKeeper, recruiter]) {
      expect((await request(t.app).delete(`/api/v1/engagements/${s.engagementId}/people/${person.id}`).set(bearer(t.adminToken))).status).to.equal(204);
    }
    await s.addReport([INVOICES, { text: 'Enter supplier invoices into the AP system', hoursPerWeek: 6 }, PLANTS]);

    const second = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(second).to.include({ version: 2, status: 'draft' });
    const finance = cohortOf(second, 'finance-contributor');
    expect(finance.modules.map((m) => [m.moduleId, m.decision, m.position])).to.deep.equal([
      ['policy-and-procedure-drafting', 'pinned', 1],
      ['invoice-three-way-matching', 'approved', 2],
      ['month-end-variance-commentary', 'rejected', 3],
    ]);
    expect(moduleOf(finance, 'invoice-three-way-matching')).to.include({ note: 'AP team first.', decidedAt: '2026-03-02T09:00:00.000Z' });
    expect(moduleOf(finance, 'policy-and-procedure-drafting').isAddedByConsultant).to.equal(true);
    expect(second.carryOver!.fromVersion).to.equal(1);
    expect(second.carryOver!.carried.map((c) => c.moduleId)).to.have.members(['invoice-three-way-matching', 'month-end-variance-commentary', 'policy-and-procedure-drafting']);
    expect(second.carryOver!.notCarried.map((n) => [n.cohortId, n.moduleId, n.decision, n.reason])).to.deep.equal([
      ['finance-contributor', 'inventory-report-summaries', 'approved', 'module-not-listed'],
      ['human-resources-contributor', 'job-description-drafting', 'approved', 'cohort-gone'],
    ]);
    expect(second.carryOver!.notCarried[0].message).to.contain('pin it to keep it');
    expect(second.decisionLog).to.deep.equal([{ at: '2026-03-02T09:00:00.000Z', by: '000000000000000000000001', action: 'compute', fromVersion: 1 }]);
    const first = await request(t.app).get(`/api/v1/engagements/${s.engagementId}/shortlist?version=1`).set(bearer(t.adminToken));
    expect(first.body.status).to.equal('approved');
    expect(first.body.decisionLog.map((e: { action: string }) => e.action)).to.deep.equal(['compute', 'approve', 'reject', 'approve', 'pin', 'approve', 'approve-shortlist']);
  });

  it('when an old version is reviewed after a new one was computed, then the review goes to the latest version only', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([INVOICES, VARIANCE, PLANTS]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await computeShortlist(t.app, t.adminToken, s.engagementId);

    const res = await request(t.app).patch(`/api/v1/engagements/${s.engagementId}/shortlist`).set(bearer(t.adminToken))
      .send({ cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] }] });
    const first = await request(t.app).get(`/api/v1/engagements/${s.engagementId}/shortlist?version=1`).set(bearer(t.adminToken));

    expect(res.body.version).to.equal(2);
    expect(moduleOf(cohortOf(res.body, 'finance-contributor'), 'invoice-three-way-matching').decision).to.equal('approved');
    expect(moduleOf(cohortOf(first.body, 'finance-contributor'), 'invoice-three-way-matching').decision).to.equal('pending');
  });
});
