import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, moduleOf, type Scenario } from '../../support/shortlist-builders.ts';
import { buildComponents } from '../../../src/app.ts';
import { createModuleCatalogue, loadModuleLibrary, type ModuleCatalogue } from '../../../src/library/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import type { ShortlistComponent } from '../../../src/shortlist/index.ts';

const INVOICES = 'Match invoices to purchase orders and goods receipts';
const VARIANCE = 'Write variance commentary for the monthly management accounts';
const PLANTS = 'Water the office plants';
const FINANCE = [{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }];

describe('getApprovedShortlist and training modules removed from the library', () => {
  const db = useTestDatabase('shortlist_approved');
  let t: TestApp;
  let schemas: SchemaRegistry;
  let withoutInvoices: ModuleCatalogue;

  before(() => {
    t = buildTestApp(db.connection);
    schemas = new SchemaRegistry(t.config.paths.schemas);
    withoutInvoices = createModuleCatalogue(loadModuleLibrary(t.config.paths.modules, schemas).filter((m) => m.id !== 'invoice-three-way-matching'));
  });

  function shortlistComponent(modules?: ModuleCatalogue): ShortlistComponent {
    return buildComponents({ config: t.config, logger: silentLogger, connection: db.connection, schemas, now: t.clock.now, ...(modules ? { modules } : {}) }).shortlist;
  }

  /** A Finance cohort whose shortlist is approved: month-end first (moved), invoices second. */
  async function approvedEngagement(): Promise<{ s: Scenario; personId: string }> {
    const s = await createScenario(t.app, t.adminToken);
    const person = await s.addReport(FINANCE, {}, { concernJobDisplacement: 4 });
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    const res = await request(t.app).patch(`/api/v1/engagements/${s.engagementId}/shortlist`).set(bearer(t.adminToken)).send({
      cohorts: [{
        id: 'finance-contributor',
        modules: [
          { moduleId: 'invoice-three-way-matching', decision: 'approve' },
          { moduleId: 'month-end-variance-commentary', decision: 'approve', position: 1, note: 'Before the audit.' },
        ],
      }],
      status: 'approved',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return { s, personId: person.id };
  }

  it('when the shortlist is approved, then the curriculum gets each cohort\'s approved modules in order with the tasks and people they serve', async () => {
    const { s, personId } = await approvedEngagement();

    const approved = await shortlistComponent().getApprovedShortlist(s.engagementId);

    expect(approved).to.include({ engagementId: s.engagementId, version: 1, approvedAt: '2026-03-02T09:00:00.000Z', approvedBy: '000000000000000000000001' });
    const [cohort] = approved.cohorts;
    expect(cohort).to.include({ id: 'finance-contributor', department: 'Finance', roleLevel: 'contributor', memberCount: 1 });
    expect(cohort.personIds).to.deep.equal([personId]);
    expect(cohort.concernScores).to.include({ respondents: 1, jobDisplacement: 4 });
    expect(cohort.modules.map((m) => [m.moduleId, m.position, m.decision, m.isInLibrary])).to.deep.equal([
      ['month-end-variance-commentary', 1, 'approved', true],
      ['invoice-three-way-matching', 2, 'approved', true],
    ]);
    expect(cohort.modules[0].note).to.equal('Before the audit.');
    expect(cohort.modules[0].trainingModule?.durationMinutes).to.be.within(60, 90);
    expect(cohort.modules[1].servesTasks).to.deep.equal([{ taskId: cohort.modules[1].servesTasks[0].taskId, personId, text: INVOICES }]);
    expect(cohort.tasks.map((task) => [task.text, task.servedBy, task.isGap])).to.have.deep.members([
      [INVOICES, ['invoice-three-way-matching'], false],
      [VARIANCE, ['month-end-variance-commentary'], false],
      [PLANTS, [], true],
    ]);
    expect(cohort.gaps.map((g) => g.tasks.map((task) => task.text))).to.deep.equal([[PLANTS]]);
  });

  it('when the latest version is not approved or there is none, then it answers 409 saying so', async () => {
    const { s } = await approvedEngagement();
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    const fresh = await createScenario(t.app, t.adminToken);

    const notApproved = await shortlistComponent().getApprovedShortlist(s.engagementId).catch((error: unknown) => error);
    const none = await shortlistComponent().getApprovedShortlist(fresh.engagementId).catch((error: unknown) => error);

    expect(notApproved).to.include({ status: 409, code: 'shortlist-not-approved' });
    expect(none).to.include({ status: 409, code: 'shortlist-not-computed' });
  });

  it('when an approved training module has left the library since, then it is reported, refused for approval, carried as not taught and not carried over', async () => {
    const { s } = await approvedEngagement();
    const later = buildTestApp(db.connection, { overrides: { modules: withoutInvoices } });
    const path = `/api/v1/engagements/${s.engagementId}/shortlist`;

    const shown = await request(later.app).get(path).set(bearer(t.adminToken));
    const approveAgain = await request(later.app).patch(path).set(bearer(t.adminToken))
      .send({ cohorts: [{ id: 'finance-contributor', modules: [{ moduleId: 'invoice-three-way-matching', decision: 'approve' }] }] });
    const approved = await shortlistComponent(withoutInvoices).getApprovedShortlist(s.engagementId);
    const recomputed = await request(later.app).post(path).set(bearer(t.adminToken));

    expect(shown.status).to.equal(200);
    expect(moduleOf(cohortOf(shown.body, 'finance-contributor'), 'invoice-three-way-matching')).to.include({ isInLibrary: false, decision: 'approved' });
    expect(shown.body.notices).to.deep.include({
      code: 'module-removed-from-library',
      message: 'Training module invoice-three-way-matching: no longer in the training-module library (removed after this version was computed); it cannot be taught and approving it is refused.',
      moduleIds: ['invoice-three-way-matching'],
      cohortIds: ['finance-contributor'],
    });
    expect(approveAgain.status).to.equal(422);
    expect(approveAgain.body.errors[0]).to.include({ pointer: '/cohorts/0/modules/0/moduleId' });
    const invoices = approved.cohorts[0].modules.find((m) => m.moduleId === 'invoice-three-way-matching')!;
    expect(invoices).to.include({ isInLibrary: false });
    expect(invoices.trainingModule).to.equal(undefined);
    expect(recomputed.status).to.equal(201);
    expect(recomputed.body.carryOver.notCarried).to.deep.include({
      cohortId: 'finance-contributor', moduleId: 'invoice-three-way-matching', decision: 'approved', reason: 'module-not-available',
      message: 'invoice-three-way-matching is no longer in the training-module library, so it was not carried over to finance-contributor.',
    });
  });
});
