import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, moduleOf, reviewTasks } from '../../support/shortlist-builders.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';

const INVOICES = 'Match invoices to purchase orders and goods receipts';
const VARIANCE = 'Write variance commentary for the monthly management accounts';
const OVERSPENDS = 'Chase budget holders to explain overspends';
const JOB_ADS = 'Write job descriptions for new roles';
const SCREENING = 'Screen CVs and applications against the job requirements';
const STOCK = 'Write the weekly stock report';
const PLANTS = ['Water the office plants', 'Water the plants in reception', 'Repot the office plants'];
const TRAVEL = 'Book travel for the team offsite';

describe('POST /api/v1/engagements/:engagementId/shortlist', () => {
  const db = useTestDatabase('shortlist_compute');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when people of two departments and role levels have tasks, then there is one cohort per department × role level, only of people with tasks', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS[0], hoursPerWeek: 1 }]);
    await s.addReport([{ text: OVERSPENDS, hoursPerWeek: 2 }, { text: INVOICES, hoursPerWeek: 5 }, { text: PLANTS[1], hoursPerWeek: 1 }]);
    await s.addReport([{ text: VARIANCE, hoursPerWeek: 6 }, { text: OVERSPENDS, hoursPerWeek: 2 }, { text: PLANTS[2], hoursPerWeek: 1 }], { roleLevel: 'manager' });
    await s.addReport([{ text: JOB_ADS, hoursPerWeek: 5 }, { text: SCREENING, hoursPerWeek: 8 }, { text: TRAVEL, hoursPerWeek: 1 }], { department: 'Human Resources' });

    const body = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(body).to.include({ version: 1, status: 'draft' });
    expect(body.cohorts.map((c) => [c.id, c.department, c.roleLevel, c.peopleCount, c.taskCount, c.taskHours])).to.deep.equal([
      ['finance-contributor', 'Finance', 'contributor', 2, 6, 16],
      ['finance-manager', 'Finance', 'manager', 1, 3, 9],
      ['human-resources-contributor', 'Human Resources', 'contributor', 1, 3, 14],
    ]);
    expect(cohortOf(body, 'finance-contributor').modules[0].moduleId).to.equal('invoice-three-way-matching');
    expect(cohortOf(body, 'human-resources-contributor').modules.map((m) => m.moduleId)).to.include.members(['job-description-drafting', 'interview-guides-and-screening']);
  });

  it('when demand is computed, then each module\'s demand is Σ score × priority × hours × weight over its tasks and coverage its share of hours', async () => {
    const s = await createScenario(t.app, t.adminToken);
    const ana = await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 10 }, { text: PLANTS[0], hoursPerWeek: 1 }]);
    await s.addReport([{ text: OVERSPENDS, hoursPerWeek: 2 }, { text: STOCK, hoursPerWeek: 2.5 }, { text: PLANTS[1], hoursPerWeek: 0.5 }]);
    await reviewTasks(t.app, s.boss.token, ana.id, (text) => ({ decision: 'confirm', priority: text === INVOICES ? 5 : text === VARIANCE ? 1 : 2 }));

    const cohort = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');

    expect(cohort.taskHours).to.equal(20);
    for (const module of cohort.modules) {
      const expected = module.tasks.reduce((sum, task) => sum + task.score * task.priority * task.hoursPerWeek * task.weight, 0);
      expect(module.demand, module.moduleId).to.be.closeTo(expected, 1e-3);
      expect(module.coverage, module.moduleId).to.be.closeTo(module.tasks.reduce((sum, task) => sum + task.hoursPerWeek, 0) / 20, 1e-4);
      for (const task of module.tasks) expect(task.demand).to.be.closeTo(task.score * task.priority * task.hoursPerWeek * task.weight, 1e-4);
    }
    const demands = cohort.modules.map((m) => m.demand);
    expect(demands).to.deep.equal([...demands].sort((a, b) => b - a));
    expect(cohort.modules.map((m) => m.rank)).to.deep.equal(cohort.modules.map((_m, i) => i + 1));
    const invoices = moduleOf(cohort, 'invoice-three-way-matching');
    const monthEnd = moduleOf(cohort, 'month-end-variance-commentary');
    expect(invoices.tasks.find((task) => task.text === INVOICES)).to.include({ priority: 5, hoursPerWeek: 4, weight: 1, status: 'confirmed' });
    expect(monthEnd.coveredHours).to.be.greaterThan(invoices.coveredHours);
    expect(invoices.rank, 'priority 5 × 4 h outweighs priority 1 × 10 h').to.be.lessThan(monthEnd.rank!);
  });

  it('when the same two tasks get other priorities and hours, then the ranking follows demand', async () => {
    const ranks = async (invoices: { hours: number; priority: number }, variance: { hours: number; priority: number }) => {
      const s = await createScenario(t.app, t.adminToken);
      const person = await s.addReport([{ text: INVOICES, hoursPerWeek: invoices.hours }, { text: VARIANCE, hoursPerWeek: variance.hours }, { text: PLANTS[0], hoursPerWeek: 1 }]);
      await reviewTasks(t.app, s.boss.token, person.id, (text) => ({ decision: 'confirm', priority: text === INVOICES ? invoices.priority : text === VARIANCE ? variance.priority : 3 }));
      return cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor').modules.map((m) => m.moduleId).slice(0, 2);
    };

    const byPriority = await ranks({ hours: 4, priority: 1 }, { hours: 4, priority: 5 });
    const byHours = await ranks({ hours: 1, priority: 3 }, { hours: 12, priority: 3 });
    const invoicesFirst = await ranks({ hours: 12, priority: 5 }, { hours: 1, priority: 1 });

    expect(byPriority).to.deep.equal(['month-end-variance-commentary', 'invoice-three-way-matching']);
    expect(byHours).to.deep.equal(['month-end-variance-commentary', 'invoice-three-way-matching']);
    expect(invoicesFirst).to.deep.equal(['invoice-three-way-matching', 'month-end-variance-commentary']);
  });

  it('when a manager has not reviewed a person\'s tasks, then they count, marked unconfirmed, at the default priority and half the weight of confirmed ones', async () => {
    const s = await createScenario(t.app, t.adminToken);
    const confirmed = await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: PLANTS[0], hoursPerWeek: 1 }, { text: TRAVEL, hoursPerWeek: 1 }]);
    const unconfirmed = await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: PLANTS[1], hoursPerWeek: 1 }, { text: TRAVEL, hoursPerWeek: 1 }]);
    await reviewTasks(t.app, s.boss.token, confirmed.id, () => ({ decision: 'confirm', priority: 3 }));

    const cohort = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');

    expect(cohort).to.include({ taskCount: 6, unconfirmedTaskCount: 3 });
    const tasks = moduleOf(cohort, 'invoice-three-way-matching').tasks;
    const mine = tasks.find((task) => task.personId === confirmed.id)!;
    const theirs = tasks.find((task) => task.personId === unconfirmed.id)!;
    expect(mine).to.include({ status: 'confirmed', weight: 1, priority: 3, isPriorityDefault: false });
    expect(theirs).to.include({ status: 'unconfirmed', weight: 0.5, priority: 3, isPriorityDefault: true });
    expect(theirs.score).to.equal(mine.score);
    expect(theirs.demand).to.be.closeTo(mine.demand / 2, 1e-3);
  });

  it('when a manager rejected a task, then it appears nowhere and does not count', async () => {
    const s = await createScenario(t.app, t.adminToken);
    const person = await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: STOCK, hoursPerWeek: 2 }]);
    await reviewTasks(t.app, s.boss.token, person.id, (text) => (text === INVOICES ? { decision: 'reject' } : { decision: 'confirm', priority: 4 }));

    const body = await computeShortlist(t.app, t.adminToken, s.engagementId);

    const cohort = cohortOf(body, 'finance-contributor');
    expect(cohort).to.include({ taskCount: 2, taskHours: 5 });
    expect(JSON.stringify(body)).to.not.contain(INVOICES);
    expect(cohort.modules.map((m) => m.moduleId)).to.not.include('invoice-three-way-matching');
  });

  it('when a person is erased, then a new version leaves them out and the earlier one no longer shows their words', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS[0], hoursPerWeek: 1 }]);
    const erased = await s.addReport([{ text: 'Reconcile the petty cash tin every Friday', hoursPerWeek: 1 }, { text: OVERSPENDS, hoursPerWeek: 2 }, { text: PLANTS[1], hoursPerWeek: 1 }]);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    const deleted = await request(t.app).delete(`/api/v1/engagements/${s.engagementId}/people/${erased.id}`).set(bearer(t.adminToken));
    expect(deleted.status).to.equal(204);

    const second = await computeShortlist(t.app, t.adminToken, s.engagementId);
    const first = await request(t.app).get(`/api/v1/engagements/${s.engagementId}/shortlist?version=1`).set(bearer(t.adminToken));

    expect(cohortOf(second, 'finance-contributor')).to.include({ peopleCount: 1, taskCount: 3 });
    expect(JSON.stringify(second)).to.not.contain(erased.id);
    expect(first.status).to.equal(200);
    expect(JSON.stringify(first.body)).to.not.contain('petty cash').and.not.contain(OVERSPENDS);
    expect(first.body.cohorts[0]).to.include({ peopleCount: 2, removedTaskCount: 3 });
    expect(first.body.notices.map((n: { code: string }) => n.code)).to.include('tasks-no-longer-on-record');
  });

  it('when tasks match no training module, then they are gaps, grouped into themes by the words they share', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: PLANTS[0], hoursPerWeek: 1 }, { text: INVOICES, hoursPerWeek: 4 }, { text: PLANTS[1], hoursPerWeek: 2 }]);
    await s.addReport([{ text: PLANTS[2], hoursPerWeek: 1 }, { text: TRAVEL, hoursPerWeek: 3 }, { text: VARIANCE, hoursPerWeek: 2 }]);

    const cohort = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');

    expect(cohort.gaps.map((g) => g.tasks.map((task) => task.text).sort())).to.deep.equal([[...PLANTS].sort(), [TRAVEL]]);
    expect(cohort.gaps[0].terms).to.include('plants');
    expect(cohort.gaps[0].theme).to.contain('plants');
    const covered = cohort.modules.flatMap((m) => m.tasks.map((task) => task.text));
    expect(covered).to.not.include.members([...PLANTS, TRAVEL]);
    expect(cohort.coveredHours).to.equal(6);
  });

  it('when the engagement names its own training modules, then only those are considered and one retired from the library since is reported', async () => {
    const s = await createScenario(t.app, t.adminToken, { moduleIds: ['invoice-three-way-matching', 'job-description-drafting'] });
    // The API refuses unknown ids; a module file removed after the engagement named it is what leaves one behind.
    await db.connection.collection('engagements').updateOne({ _id: new Types.ObjectId(s.engagementId) }, { $set: { moduleIds: ['invoice-three-way-matching', 'job-description-drafting', 'retired-module'] } });
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: OVERSPENDS, hoursPerWeek: 2 }]);

    const body = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(body.moduleIds).to.deep.equal(['invoice-three-way-matching', 'job-description-drafting']);
    const listed = body.cohorts.flatMap((c) => c.modules.map((m) => m.moduleId));
    expect(listed).to.include('invoice-three-way-matching');
    expect(listed.every((id) => body.moduleIds.includes(id))).to.equal(true);
    expect(body.notices).to.deep.include({
      code: 'module-not-in-library',
      message: 'The engagement names training modules the library does not have, so they were not considered: retired-module.',
      moduleIds: ['retired-module'],
    });
  });

  it('when people answered the concern scales, then each cohort carries their means', async () => {
    const s = await createScenario(t.app, t.adminToken);
    const tasks = [{ text: INVOICES, hoursPerWeek: 4 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: STOCK, hoursPerWeek: 2 }];
    await s.addReport(tasks, {}, { concernJobDisplacement: 5, trustAiOutput: 1 });
    await s.addReport(tasks, {}, { concernJobDisplacement: 4, trustAiOutput: 2 });

    const cohort = cohortOf(await computeShortlist(t.app, t.adminToken, s.engagementId), 'finance-contributor');

    expect(cohort.concernScores).to.include({ respondents: 2, jobDisplacement: 4.5, trustInOutput: 4.5 });
  });

  it('when nobody has submitted tasks yet, then the version has no cohorts and says why', async () => {
    const s = await createScenario(t.app, t.adminToken);

    const body = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(body.cohorts).to.deep.equal([]);
    expect(body.notices.map((n) => n.code)).to.deep.equal(['no-tasks']);
  });

  it('when a shortlist is returned, then it fits the shortlist schema the API documents', async () => {
    const s = await createScenario(t.app, t.adminToken);
    await s.addReport([{ text: INVOICES, hoursPerWeek: 4 }, { text: PLANTS[0], hoursPerWeek: 1 }, { text: TRAVEL, hoursPerWeek: 1 }]);
    const schemas = new SchemaRegistry(t.config.paths.schemas);

    const body = await computeShortlist(t.app, t.adminToken, s.engagementId);

    expect(() => schemas.assert('shortlist', body)).to.not.throw();
    expect(body.cohorts[0].modules[0].tasks[0].evidence.phrase).to.be.a('string');
  });
});
