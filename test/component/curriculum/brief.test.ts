import { expect } from 'chai';
import ical from 'node-ical';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { setCookie } from '../../support/page-builders.ts';
import { expectToMatchSchema } from '../../support/schema-assertions.ts';
import { computeShortlist, createScenario } from '../../support/shortlist-builders.ts';
import {
  approveShortlist, buildApprovedTeam, cohortIn, confirmAll, FINANCE_TASKS, generateCurriculum, INVOICES, MILESTONES, VARIANCE,
} from '../../support/curriculum-builders.ts';
import { SESSION_COOKIE } from '../../../src/access/index.ts';

async function publish(t: TestApp, engagementId: string): Promise<void> {
  const res = await request(t.app).post(`/api/v1/engagements/${engagementId}/curriculum/publish`).set(bearer(t.adminToken));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

function textOf(res: { text: string; body: unknown }): string {
  return typeof res.body === 'string' ? res.body : res.text;
}

describe('GET /api/v1/me/brief', () => {
  const db = useTestDatabase('curriculum_brief');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when no version is published yet (only a draft), then it answers 404 curriculum-not-published as problem+json', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).get('/api/v1/me/brief').set(bearer(team.finance[0].token));

    expect(res.status).to.equal(404);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('curriculum-not-published');
  });

  it('when published, then a participant reads their served tasks with the modules, what good use means in their role, and their cohort\'s sessions only', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const curriculum = await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await publish(t, team.engagementId);

    const res = await request(t.app).get('/api/v1/me/brief').set(bearer(team.finance[0].token));

    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expectToMatchSchema('brief', res.body);
    expect(res.body).to.include({ curriculumVersion: 1, cohortId: 'finance-contributor', publishedAt: '2026-03-02T09:00:00.000Z' });
    const served = res.body.tasks.served as Array<{ text: string; modules: Array<{ moduleId: string }> }>;
    expect(served.find((task) => task.text === INVOICES)!.modules.map((m) => m.moduleId)).to.deep.equal(['invoice-three-way-matching']);
    expect(served.find((task) => task.text === VARIANCE)!.modules.map((m) => m.moduleId)).to.deep.equal(['month-end-variance-commentary']);
    expect(res.body.goodAiUse.roleLevel).to.equal('contributor');
    expect(res.body.goodAiUse.responsibilities.map((r: { title: string }) => r.title)).to.include('You stay the author');
    expect(res.body.goodAiUse.guardrails.map((g: { rule: string }) => g.rule)).to.include('Never enter into an AI tool: Supplier bank statements.');
    expect(res.body.goodAiUse.measures.map((m: { name: string }) => m.name)).to.include('Invoice cycle time');
    const mine = cohortIn(curriculum, 'finance-contributor').sessions;
    expect(res.body.sessions.map((s: { id: string; start: string }) => [s.id, s.start])).to.deep.equal(mine.map((s) => [s.id, s.start]));
    expect(res.body.sessions.map((s: { moduleId?: string }) => s.moduleId)).to.not.include.members(['job-description-drafting', 'interview-guides-and-screening']);
    // Sessions carry no colleague's words.
    expect(JSON.stringify(res.body.sessions)).to.not.include('servesTasks');
  });

  it('when a manager role is briefed, then the responsibilities are the manager\'s', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await publish(t, team.engagementId);

    const res = await request(t.app).get('/api/v1/me/brief').set(bearer(team.boss.token));

    expect(res.status).to.equal(200);
    expect(res.body.cohortId).to.equal('finance-manager');
    expect(res.body.goodAiUse.responsibilities.map((r: { title: string }) => r.title)).to.include.members(['Set the approval rules', 'Protect time to practise']);
  });

  it('when a task of mine has no approved module, or was added after planning, then it is listed as not covered yet, with the reason said plainly', async () => {
    const s = await createScenario(t.app, t.adminToken, { milestones: MILESTONES });
    const person = await s.addReport(FINANCE_TASKS);
    await confirmAll(t.app, s.boss, person.id);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await approveShortlist(t.app, t.adminToken, s.engagementId, { 'finance-contributor': ['invoice-three-way-matching'] });
    await generateCurriculum(t.app, t.adminToken, s.engagementId);
    await publish(t, s.engagementId);
    // The manager adds a task after the programme was planned.
    const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(s.boss.token));
    const tasks = reports.body.reports[0].tasks.filter((task: { source: string }) => task.source === 'participant');
    const review = await request(t.app).put(`/api/v1/me/reports/${person.id}/review`).set(bearer(s.boss.token)).send({
      tasks: tasks.map((task: { id: string }) => ({ taskId: task.id, decision: 'confirm', priority: 3 })),
      addedTasks: [{ text: 'Chase overdue expense reports', hoursPerWeek: 2, priority: 2 }],
    });
    expect(review.status, JSON.stringify(review.body)).to.equal(200);

    const res = await request(t.app).get('/api/v1/me/brief').set(bearer(person.token));

    expect(res.status).to.equal(200);
    const uncovered = res.body.tasks.notYetCovered as Array<{ text: string; reason: string; explanation: string }>;
    const variance = uncovered.find((task) => task.text === VARIANCE)!;
    expect(['gap', 'module-not-approved']).to.include(variance.reason);
    expect(variance.explanation).to.match(/^(No training module covers this task yet|A training module matches this task, but it is not part of your group's programme)/);
    expect(uncovered.find((task) => task.text === 'Chase overdue expense reports')).to.deep.include({
      reason: 'reported-after-planning',
      explanation: 'This task was reported after the programme was planned; it will be considered the next time the programme is planned.',
    });
    expect(res.body.tasks.served.map((task: { text: string }) => task.text)).to.deep.equal([INVOICES]);
    expect(res.body.tasks.summary).to.match(/^The programme serves 1 of your \d reported tasks; \d are not covered yet/);
  });

  it('when the calendar is downloaded, then it holds my cohort\'s sessions, one event each', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const curriculum = await generateCurriculum(t.app, t.adminToken, team.engagementId);
    await publish(t, team.engagementId);

    const res = await request(t.app).get('/api/v1/me/brief.ics').set(bearer(team.hr.token)).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
      r.on('end', () => done(null, text));
    });

    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    const events = Object.values(ical.sync.parseICS(textOf(res))).filter((c) => c?.type === 'VEVENT');
    expect(events).to.have.length(cohortIn(curriculum, 'human-resources-contributor').sessions.length);
  });

  it('when a consultant token asks for a brief, then it answers 403', async () => {
    const res = await request(t.app).get('/api/v1/me/brief').set(bearer(t.adminToken));

    expect(res.status).to.equal(403);
    expect(res.body.code).to.equal('person-only');
  });
});

describe('GET /brief (page)', () => {
  const db = useTestDatabase('curriculum_brief_page');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  async function sessionCookie(token: string): Promise<string> {
    const signIn = await request(t.app).get(`/i/${token}`);
    // Sent by hand: the cookie's expiry follows the test clock, which a cookie jar would judge by the real one.
    return setCookie(signIn, SESSION_COOKIE)!.split(';')[0];
  }

  it('when signed in with the personal link, then the page shows the three answers; before publication it says it is not published yet', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const cookie = await sessionCookie(team.finance[0].token);
    const before = await request(t.app).get('/brief').set('Cookie', cookie);
    await publish(t, team.engagementId);

    const res = await request(t.app).get('/brief').set('Cookie', cookie);

    expect(before.status).to.equal(200);
    expect(before.text).to.include('has not been published yet');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('<title>Your AI training brief');
    expect(res.text).to.include('Where AI fits in your work');
    expect(res.text).to.include(INVOICES);
    expect(res.text).to.include('What good AI use looks like in your role');
    expect(res.text).to.include('When you start');
    expect(res.text).to.include('Mon 18 May 2026');
    expect(res.text).to.include('href="/api/v1/me/brief.ics"');
  });
});
