import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { answerEverything, bearer } from '../../support/intake-builders.ts';
import { buildTeam, csrfTokenIn, hiddenValueIn, signInWithLink } from '../../support/page-builders.ts';
import { reviewTasks } from '../../support/shortlist-builders.ts';

const TASKS_PAGE = '/me/intake/pages/2';

describe('the intake pages', () => {
  const db = useTestDatabase('web_intake_pages');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
  });

  /** Submits a complete intake through the API whose first task is `firstTask`. */
  async function submitWithFirstTask(token: string, firstTask: string): Promise<void> {
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(token))).body.bank;
    const answers = answerEverything(bank, 3) as { tasks: Array<Record<string, unknown>> };
    answers.tasks[0].description = firstTask;
    expect((await request(t.app).put('/api/v1/me/intake').set(bearer(token)).send({ answers, version: 0 })).status).to.equal(200);
    expect((await request(t.app).post('/api/v1/me/intake/submit').set(bearer(token))).status).to.equal(200);
  }

  describe('POST /me/intake/pages/:number', () => {
    it('when "Add another task" is pressed, then the rows typed so far are saved and the page comes back with one more row, focused', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const csrf = csrfTokenIn((await agent.get(TASKS_PAGE)).text);

      const res = await agent.post(TASKS_PAGE).type('form').send({
        _csrf: csrf, version: '0', 'rows.tasks': '3', action: 'add-row:tasks',
        'a.tasks.0.description': 'Reconcile supplier statements', 'a.tasks.0.hoursPerWeek': '4,5',
      });
      const page = await agent.get(res.headers.location);
      const stored = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`${TASKS_PAGE}?rows.tasks=4&focus=q-tasks-3-description#q-tasks-3-description`);
      expect(page.text).to.match(/id="q-tasks-3-description" name="a\.tasks\.3\.description" value="" [^>]*autofocus>/);
      expect(stored.body.answers.tasks).to.deep.equal([{ description: 'Reconcile supplier statements', hoursPerWeek: 4.5 }]);
    });

    it('when "Remove" is pressed on a row, then that row is gone from the saved answers', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const csrf = csrfTokenIn((await agent.get(TASKS_PAGE)).text);

      const res = await agent.post(TASKS_PAGE).type('form').send({
        _csrf: csrf, version: '0', 'rows.tasks': '3', action: 'remove-row:tasks:0',
        'a.tasks.0.description': 'First task', 'a.tasks.1.description': 'Second task',
      });
      const stored = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`${TASKS_PAGE}?rows.tasks=2#list-tasks`);
      expect(stored.body.answers.tasks).to.deep.equal([{ description: 'Second task' }]);
    });

    it('when an answer does not fit, then nothing is saved and the message sits next to its field, linked from the summary', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const csrf = csrfTokenIn((await agent.get(TASKS_PAGE)).text);

      const res = await agent.post(TASKS_PAGE).type('form').send({
        _csrf: csrf, version: '0', 'rows.tasks': '1', action: 'next', 'a.tasks.0.description': 'Answer calls', 'a.tasks.0.hoursPerWeek': 'lots',
      });
      const stored = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(422);
      expect(res.text).to.contain('<title>Error: Your recurring tasks (section 2 of 7) – Tailor</title>');
      expect(res.text).to.match(/<a href="#q-tasks-0-hoursPerWeek" data-focus-target="q-tasks-0-hoursPerWeek">Row 1, &quot;Hours per week, on average&quot;: must be a number/);
      expect(res.text).to.match(/id="q-tasks-0-hoursPerWeek" name="a\.tasks\.0\.hoursPerWeek" value="lots" autocomplete="off" aria-describedby="q-tasks-0-hoursPerWeek-hint q-tasks-0-hoursPerWeek-error" aria-invalid="true"/);
      expect(res.text).to.contain('id="q-tasks-0-hoursPerWeek-error"');
      expect(stored.body.status).to.equal('not-started');
    });

    it('when the answers changed elsewhere since the page was opened, then it answers 409 keeping what was typed, with the latest version and a message, and overwrites nothing', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const page = (await agent.get('/me/intake/pages/1')).text;
      await request(t.app).put('/api/v1/me/intake').set(bearer(participant.token)).send({ answers: { jobTitle: 'Saved on the phone' }, version: 0 });

      const res = await agent.post('/me/intake/pages/1').type('form').send({ _csrf: csrfTokenIn(page), version: hiddenValueIn(page, 'version'), 'a.jobTitle': 'Typed on the laptop', action: 'next' });
      const stored = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(409);
      expect(res.text).to.contain('were changed on another device or in another tab').and.contain('value="Typed on the laptop"');
      expect(hiddenValueIn(res.text, 'version')).to.equal('1');
      expect(stored.body.answers).to.deep.equal({ jobTitle: 'Saved on the phone' });
    });

    it('when the script saves as the person types, then it gets the new version as JSON', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const csrf = csrfTokenIn((await agent.get('/me/intake/pages/1')).text);

      const first = await agent.post('/me/intake/pages/1').set('Accept', 'application/json').type('form').send({ _csrf: csrf, version: '0', 'a.jobTitle': 'Clerk', action: 'autosave' });
      const stale = await agent.post('/me/intake/pages/1').set('Accept', 'application/json').type('form').send({ _csrf: csrf, version: '0', 'a.jobTitle': 'Clerk II', action: 'autosave' });

      expect(first.status).to.equal(200);
      expect(first.body).to.deep.equal({ version: 1, status: 'draft' });
      expect(stale.status).to.equal(409);
      expect(stale.body.code).to.equal('intake-version-conflict');
    });
  });

  describe('POST /me/intake/submit', () => {
    it('when the submit button of a tab left open is pressed after the intake was submitted elsewhere and confirmed, then it lands on the thank-you page, not on "changed elsewhere, submit again"', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token))).body.bank;
      expect((await request(t.app).put('/api/v1/me/intake').set(bearer(participant.token)).send({ answers: answerEverything(bank, 3), version: 0 })).status).to.equal(200);
      const agent = await signInWithLink(t.app, participant.token);
      const staleTab = await agent.get('/me/intake/review');
      expect((await request(t.app).post('/api/v1/me/intake/submit').set(bearer(participant.token))).status).to.equal(200);
      await reviewTasks(t.app, manager.token, participant.id, () => ({ decision: 'confirm', priority: 3 }));

      const res = await agent.post('/me/intake/submit').type('form').send({ _csrf: csrfTokenIn(staleTab.text), version: hiddenValueIn(staleTab.text, 'version') });
      const thanks = await agent.get('/me/intake/thanks');

      expect(res.status, res.text).to.equal(303);
      expect(res.headers.location).to.equal('/me/intake/thanks');
      expect(thanks.text).to.contain('Thank you: your answers are in');
    });
  });

  describe('a person nobody is named to manage', () => {
    const OWN_PAGES = ['/me/intake', '/me/intake/review', '/me/intake/thanks', '/me/intake/pages/1'];
    // What the pages say about the review. The bank's own introduction speaks to the usual participant.
    const PROMISES_A_REVIEW = /until your manager|your manager (has )?reviews?|what your manager will see|your manager confirms/i;

    it('when they have submitted, then their pages say the consultant takes their tasks as listed, and never promise a manager\'s review', async () => {
      const { manager: headOfFinance } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(headOfFinance.token, 'Approve the monthly close');
      const agent = await signInWithLink(t.app, headOfFinance.token);

      for (const path of OWN_PAGES) {
        const page = await agent.get(path);
        expect(page.status, path).to.equal(200);
        expect(page.text, path).not.to.match(PROMISES_A_REVIEW);
      }
      expect((await agent.get('/me/intake')).text).to.contain('Nobody on the roster is named as your manager');
      expect((await agent.get('/me/intake/review')).text).to.contain('Your task list');
    });

    it('when someone is named as their manager, then the same pages say the manager reviews the tasks', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(participant.token, 'Reconcile supplier statements');
      const agent = await signInWithLink(t.app, participant.token);

      for (const path of OWN_PAGES) expect((await agent.get(path)).text, path).to.contain('until your manager');
      expect((await agent.get('/me/intake/review')).text).to.contain('What your manager will see');
    });
  });

  describe('user text in pages', () => {
    it('when a task reads <script>alert(1)</script>, then the review page and the manager\'s page show it as text', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(participant.token, '<script>alert(1)</script>');
      const own = await signInWithLink(t.app, participant.token);
      const boss = await signInWithLink(t.app, manager.token);

      const review = await own.get('/me/intake/review');
      const managerPage = await boss.get(`/me/reports/${participant.id}`);

      for (const html of [review.text, managerPage.text]) {
        expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).not.to.contain('<script>alert(1)');
      }
    });
  });

  describe('POST /me/reports/:personId', () => {
    it('when the manager confirms, rewords and rejects tasks and adds one, then the review is stored and the report shows as confirmed', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(participant.token, 'Reconcile supplier statements');
      const boss = await signInWithLink(t.app, manager.token);
      const form = (await boss.get(`/me/reports/${participant.id}`)).text;
      const taskId = (i: number) => hiddenValueIn(form, `t.${i}.taskId`);

      const res = await boss.post(`/me/reports/${participant.id}`).type('form').send({
        _csrf: csrfTokenIn(form), action: 'save', added: '1',
        't.0.taskId': taskId(0), 't.0.decision': 'confirm', 't.0.priority': '5', 't.0.goLive': '2026-06-01',
        't.1.taskId': taskId(1), 't.1.decision': 'edit', 't.1.text': 'Draft the weekly cash forecast', 't.1.priority': '3',
        't.2.taskId': taskId(2), 't.2.decision': 'reject',
        'n.0.text': 'Prepare the audit file', 'n.0.hoursPerWeek': '2', 'n.0.priority': '4',
      });
      const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));

      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/me/reports?reviewed=${participant.id}`);
      const [report] = reports.body.reports;
      expect(report.status).to.equal('confirmed');
      expect(report.tasks.map((task: { status: string; priority?: number; text: string }) => [task.status, task.priority, task.text])).to.deep.equal([
        ['confirmed', 5, 'Reconcile supplier statements'],
        ['confirmed', 3, 'Draft the weekly cash forecast'],
        ['rejected', undefined, report.tasks[2].text],
        ['confirmed', 4, 'Prepare the audit file'],
      ]);
    });

    it('when the report amended their tasks while the manager was reviewing, then it answers 409 keeping the decisions on unchanged tasks and the added tasks, and stores nothing', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(participant.token, 'Reconcile supplier statements');
      const boss = await signInWithLink(t.app, manager.token);
      const form = (await boss.get(`/me/reports/${participant.id}`)).text;
      const own = (await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token))).body;
      own.answers.tasks[1].description = 'Chase missing purchase orders';
      expect((await request(t.app).put('/api/v1/me/intake').set(bearer(participant.token)).send({ answers: own.answers, version: own.version })).status).to.equal(200);

      const res = await boss.post(`/me/reports/${participant.id}`).type('form').send({
        _csrf: csrfTokenIn(form), action: 'save', added: '1',
        't.0.taskId': hiddenValueIn(form, 't.0.taskId'), 't.0.words': hiddenValueIn(form, 't.0.words'), 't.0.decision': 'confirm', 't.0.priority': '5', 't.0.goLive': '2026-06-01',
        't.1.taskId': hiddenValueIn(form, 't.1.taskId'), 't.1.words': hiddenValueIn(form, 't.1.words'), 't.1.decision': 'reject',
        't.2.taskId': hiddenValueIn(form, 't.2.taskId'), 't.2.words': hiddenValueIn(form, 't.2.words'), 't.2.decision': 'edit', 't.2.text': 'Answer expense questions', 't.2.priority': '2',
        'n.0.text': 'Prepare the audit file', 'n.0.hoursPerWeek': '2', 'n.0.priority': '4',
      });
      const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));

      expect(res.status).to.equal(409);
      expect(res.text).to.contain('changed their tasks while you were reviewing');
      expect(res.text).to.match(/id="t-0-decision" name="t\.0\.decision" value="confirm" checked/);
      expect(res.text).to.match(/name="t\.0\.goLive" value="2026-06-01"/);
      expect(res.text).to.match(/id="t-1-decision-reject" name="t\.1\.decision" value="reject" data-decision/);
      expect(res.text).to.match(/id="t-2-decision-edit" name="t\.2\.decision" value="edit" checked/);
      expect(res.text).to.contain('>Answer expense questions</textarea>');
      expect(res.text).to.contain('>Prepare the audit file</textarea>');
      expect(reports.body.reports[0].status).to.equal('awaiting-manager');
    });

    it('when a decision or a priority is missing, then the form comes back with each message next to its field and nothing is stored', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      await submitWithFirstTask(participant.token, 'Reconcile supplier statements');
      const boss = await signInWithLink(t.app, manager.token);
      const form = (await boss.get(`/me/reports/${participant.id}`)).text;

      const res = await boss.post(`/me/reports/${participant.id}`).type('form').send({
        _csrf: csrfTokenIn(form), action: 'save', added: '0',
        't.0.taskId': hiddenValueIn(form, 't.0.taskId'), 't.0.decision': 'confirm',
        't.1.taskId': hiddenValueIn(form, 't.1.taskId'), 't.2.taskId': hiddenValueIn(form, 't.2.taskId'), 't.2.decision': 'reject',
      });
      const reports = await request(t.app).get('/api/v1/me/reports').set(bearer(manager.token));

      expect(res.status).to.equal(422);
      expect(res.text).to.match(/<a href="#t-0-priority"[^>]*>Task 1: choose a priority/);
      expect(res.text).to.match(/<a href="#t-1-decision"[^>]*>Task 2: choose confirm/);
      expect(res.text).to.contain('id="t-0-priority-error"');
      expect(reports.body.reports[0].status).to.equal('awaiting-manager');
    });
  });
});
