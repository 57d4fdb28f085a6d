import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer } from '../../support/intake-builders.ts';
import { computeShortlist, createScenario, personInput, submitTasks } from '../../support/shortlist-builders.ts';
import {
  approveShortlist, buildApprovedTeam, cohortIn, confirmAll, FINANCE_TASKS, flagCodes, generateCurriculum, HR_TASKS, INVOICES, MILESTONES,
} from '../../support/curriculum-builders.ts';
import { createModuleCatalogue, loadModuleLibrary } from '../../../src/library/index.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';

describe('POST /api/v1/engagements/:engagementId/curriculum: edge cases the consultant sees as flags', () => {
  const db = useTestDatabase('curriculum_edge_cases');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  /** One finance contributor (and their boss, who answers nothing) with the finance modules approved. */
  async function financeOnly(engagement: Record<string, unknown>, answers: Record<string, unknown> = {}): Promise<{ engagementId: string; personId: string; token: string }> {
    const s = await createScenario(t.app, t.adminToken, engagement);
    const person = await s.addReport(FINANCE_TASKS, {}, answers);
    await confirmAll(t.app, s.boss, person.id);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await approveShortlist(t.app, t.adminToken, s.engagementId, { 'finance-contributor': ['invoice-three-way-matching', 'month-end-variance-commentary'] });
    return { engagementId: s.engagementId, personId: person.id, token: person.token };
  }

  it('when a go-live is already past, then its module is still scheduled as soon as possible and flagged go-live-passed', async () => {
    const { engagementId } = await financeOnly({ milestones: [{ department: 'Finance', workflow: 'Supplier invoice matching', goLive: '2026-02-02' }] });

    const body = await generateCurriculum(t.app, t.adminToken, engagementId);

    const cohort = cohortIn(body, 'finance-contributor');
    const invoices = cohort.sessions.find((s) => s.id === 'training-invoice-three-way-matching')!;
    expect(invoices.date >= '2026-03-03').to.equal(true);
    expect(cohort.flags.find((f) => f.code === 'go-live-passed')).to.include({ moduleId: 'invoice-three-way-matching', severity: 'warning' });
  });

  it('when a department has no go-live, then its modules get provisional dates and a module-without-milestone flag, never silence', async () => {
    const { engagementId } = await financeOnly({ milestones: [] });

    const body = await generateCurriculum(t.app, t.adminToken, engagementId);

    const cohort = cohortIn(body, 'finance-contributor');
    const training = cohort.sessions.filter((s) => s.kind === 'training');
    expect(training.map((s) => s.moduleId)).to.have.members(['invoice-three-way-matching', 'month-end-variance-commentary']);
    expect(training.every((s) => s.isProvisional === true)).to.equal(true);
    expect(cohort.flags.filter((f) => f.code === 'module-without-milestone').map((f) => f.moduleId)).to.have.members(['invoice-three-way-matching', 'month-end-variance-commentary']);
  });

  it('when the engagement has no milestone but the managers gave go-lives to the tasks, then modules are planned back from the earliest, and the consultant is told where the date came from', async () => {
    const s = await createScenario(t.app, t.adminToken, { milestones: [] });
    const person = await s.addReport(FINANCE_TASKS);
    const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(s.boss.token));
    const tasks = reports.body.reports[0].tasks as Array<{ id: string; text: string }>;
    const review = await request(t.app).put(`/api/v1/me/reports/${person.id}/review`).set(bearer(s.boss.token)).send({
      tasks: tasks.map((task) => ({ taskId: task.id, decision: 'confirm', priority: 3, ...(task.text === INVOICES ? { goLive: '2026-07-06' } : {}) })),
    });
    expect(review.status, JSON.stringify(review.body)).to.equal(200);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await approveShortlist(t.app, t.adminToken, s.engagementId, { 'finance-contributor': ['invoice-three-way-matching', 'month-end-variance-commentary'] });

    const body = await generateCurriculum(t.app, t.adminToken, s.engagementId);

    const cohort = cohortIn(body, 'finance-contributor');
    const invoices = cohort.sessions.find((session) => session.id === 'training-invoice-three-way-matching')!;
    expect(invoices.isProvisional).to.equal(undefined);
    expect(invoices.date >= '2026-06-08' && invoices.date <= '2026-06-22').to.equal(true);
    expect(cohort.flags.find((f) => f.code === 'go-live-from-tasks')).to.include({ moduleId: 'invoice-three-way-matching', severity: 'info' });
    expect(cohort.flags.find((f) => f.code === 'module-without-milestone')).to.include({ moduleId: 'month-end-variance-commentary' });
  });

  it('when a cohort has one person with high concerns, then it is flagged cohort-of-one, gets an opening, and the printout keeps their scores out', async () => {
    const { engagementId } = await financeOnly({ milestones: MILESTONES }, { concernJobDisplacement: 5, complianceWorries: 4 });

    const body = await generateCurriculum(t.app, t.adminToken, engagementId);
    const html = await request(t.app).get(`/api/v1/engagements/${engagementId}/curriculum.html`).set(bearer(t.adminToken));

    const cohort = cohortIn(body, 'finance-contributor');
    expect(cohort.memberCount).to.equal(1);
    expect(cohort.flags.map((f) => f.code)).to.include('cohort-of-one');
    expect(cohort.sessions[0].kind).to.equal('opening');
    expect(html.text).to.include('An opening session on concerns and psychological safety is planned.');
    expect(html.text).to.not.include('worry about their jobs');
  });

  it('when an approved module has left the library since, then it is flagged and kept as not taught: no session, and the brief says so', async () => {
    const { engagementId, token } = await financeOnly({ milestones: MILESTONES });
    const schemas = new SchemaRegistry(t.config.paths.schemas);
    const withoutInvoices = createModuleCatalogue(loadModuleLibrary(t.config.paths.modules, schemas).filter((m) => m.id !== 'invoice-three-way-matching'));
    const later = buildTestApp(db.connection, { overrides: { modules: withoutInvoices } });

    const res = await request(later.app).post(`/api/v1/engagements/${engagementId}/curriculum`).set(bearer(later.adminToken));
    await request(later.app).post(`/api/v1/engagements/${engagementId}/curriculum/publish`).set(bearer(later.adminToken));
    const brief = await request(later.app).get('/api/v1/me/brief').set(bearer(token));

    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const cohort = cohortIn(res.body, 'finance-contributor');
    expect(cohort.flags.find((f) => f.code === 'module-not-in-library')).to.include({ moduleId: 'invoice-three-way-matching', severity: 'warning' });
    expect(cohort.modules.find((m) => m.moduleId === 'invoice-three-way-matching')).to.include({ isInLibrary: false });
    expect(cohort.sessions.map((s) => s.moduleId)).to.not.include('invoice-three-way-matching');
    expect(brief.body.tasks.notYetCovered.find((task: { text: string }) => task.text === INVOICES)).to.include({ reason: 'module-withdrawn' });
  });

  it('when the engagement is in Tokyo, then "today" is Tokyo\'s date and sessions are in working hours there, with +09:00', async () => {
    const { engagementId } = await financeOnly({ timeZone: 'Asia/Tokyo', milestones: MILESTONES });
    const later = buildTestApp(db.connection);
    // 23:24 UTC on 2 March is 08:24 on 3 March in Tokyo.
    later.clock.advanceDays(0.6);

    const body = await generateCurriculum(later.app, later.adminToken, engagementId);

    expect(body).to.include({ timeZone: 'Asia/Tokyo', generatedOn: '2026-03-03' });
    for (const session of cohortIn(body, 'finance-contributor').sessions) {
      expect(session.start).to.match(/T(09|1[0-6]):\d{2}:00\+09:00$/);
    }
  });

  it('when people were added, moved and erased after the shortlist was approved, then it flags "re-run the shortlist" with counts, and erased words are gone from every version', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const first = await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const [newcomer] = await addPeople(t.app, t.adminToken, team.engagementId, [personInput({ managerEmail: team.boss.email })]);
    await submitTasks(t.app, t.adminToken, team.engagementId, newcomer.id, FINANCE_TASKS);
    await addPeople(t.app, t.adminToken, team.engagementId, [{ name: 'Moved Person', email: team.finance[1].email, department: 'Operations', roleLevel: 'contributor', managerEmail: team.boss.email }]);
    const erased = await request(t.app).delete(`/api/v1/engagements/${team.engagementId}/people/${team.hr.id}`).set(bearer(t.adminToken));
    expect(erased.status).to.equal(204);

    const body = await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const firstAgain = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum?version=${first.version}`).set(bearer(t.adminToken));

    expect(body.rosterChanges).to.include({ peopleNotInShortlist: 1, peopleNoLongerOnRecord: 1, peopleMoved: 1 });
    const flag = body.flags.find((f) => f.code === 'shortlist-older-than-roster')!;
    expect(flag.severity).to.equal('warning');
    expect(flag.message).to.match(/^The shortlist is older than the roster; re-run the shortlist\./);
    expect(flag.message).to.include('1 person with reported tasks is not in it');
    expect(flag.message).to.include('1 person it counted has no tasks on record any more');
    expect(flag.message).to.include('1 person has changed department or role level');
    expect(flagCodes(body)).to.include('cohort-without-members');
    expect(body.cohorts.map((c) => c.id)).to.not.include('human-resources-contributor');
    const hrTexts = HR_TASKS.map((task) => task.text);
    expect(JSON.stringify(firstAgain.body)).to.not.include(hrTexts[0]);
    expect(cohortIn(firstAgain.body, 'human-resources-contributor').modules.every((m) => m.servesTasks.length === 0)).to.equal(true);
  });
});
