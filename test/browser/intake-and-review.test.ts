import { expect } from 'chai';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { answerEverything, bearer } from '../support/intake-builders.ts';
import { buildTeam } from '../support/page-builders.ts';
import { focusedId, screenshot, useBrowserAndServer } from '../support/browser.ts';

/** Fills one task row (by its index in the form) with the fields the bank requires. */
async function fillTask(page: Page, row: number, description: string, hours: string): Promise<void> {
  await page.fill(`#q-tasks-${row}-description`, description);
  await page.fill(`#q-tasks-${row}-hoursPerWeek`, hours);
  await page.check(`#q-tasks-${row}-frequency-2`);
  await page.check(`#q-tasks-${row}-dataSensitivity-1`);
}

/** The saved job title, asked again for a while until it reads `expected` (a save sent as a tab closes lands a moment later). */
async function savedJobTitle(app: Parameters<typeof request>[0], token: string, expected: string): Promise<unknown> {
  let answers: Record<string, unknown> = {};
  for (let attempt = 0; attempt < 50 && answers.jobTitle !== expected; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    answers = (await request(app).get('/api/v1/me/intake').set(bearer(token))).body.answers;
  }
  return answers.jobTitle;
}

async function saveAndContinue(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Save and (continue|review)$/ }).click()]);
}

describe('a participant and their manager in the browser (JavaScript on)', function () {
  this.timeout(180_000);
  const web = useBrowserAndServer('browser_flow');

  it('when a participant answers, leaves, resumes on another device and submits, then their manager confirms, rewords, rejects and adds tasks', async () => {
    const { manager, participant } = await buildTeam(web.server.app, web.server.adminToken);
    const link = `${web.server.baseUrl}/i/${participant.token}`;

    // Day one, on the laptop: the role page, then the task list with a row added and one removed.
    const laptop = await web.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await laptop.newPage();
    await page.goto(link);
    expect(new URL(page.url()).pathname).to.equal('/me/intake');
    expect(page.url()).not.to.contain(participant.token);
    await screenshot(page, 'flow-01-overview');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Start' }).click()]);
    await page.getByLabel('What is your job title?').fill('Accounts payable clerk');
    await page.getByLabel('In two or three sentences').fill('I process supplier invoices and answer supplier questions.');
    await page.getByRole('group', { name: 'How long have you been in this role?' }).getByLabel('1 to 3 years').check();
    await page.getByRole('group', { name: 'Before your work is used by others' }).getByLabel('A colleague reviews it').check();
    await screenshot(page, 'flow-02-role');
    await saveAndContinue(page);

    expect(new URL(page.url()).pathname).to.equal('/me/intake/pages/2');
    await fillTask(page, 0, 'Reconcile supplier statements against the ledger', '4');
    await fillTask(page, 1, 'Chase missing purchase orders by e-mail', '3');
    await fillTask(page, 2, 'Key invoices into the ERP', '6');
    await page.getByRole('button', { name: 'Add another task' }).click();
    expect(await focusedId(page)).to.equal('q-tasks-3-description');
    await fillTask(page, 3, 'Answer supplier payment queries', '2');
    await page.getByRole('button', { name: 'Remove task 2' }).click();
    expect(await page.locator('#q-tasks-2-description').inputValue()).to.equal('Answer supplier payment queries');
    await page.getByText('All changes saved.').waitFor();
    await screenshot(page, 'flow-03-tasks-saved-as-typed');
    await laptop.close();

    // Day two, on the phone: the same link, the answers are there.
    const phone = await web.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const mobile = await phone.newPage();
    await mobile.goto(link);
    await Promise.all([mobile.waitForNavigation(), mobile.getByRole('link', { name: 'Continue where you left off' }).click()]);
    expect(new URL(mobile.url()).pathname).to.equal('/me/intake/pages/3');
    await Promise.all([mobile.waitForNavigation(), mobile.getByRole('link', { name: 'Your recurring tasks' }).click()]);
    const descriptions = await Promise.all((await mobile.locator('input[id$="-description"]').all()).map((input) => input.inputValue()));
    expect(descriptions).to.deep.equal(['Reconcile supplier statements against the ledger', 'Key invoices into the ERP', 'Answer supplier payment queries']);
    await screenshot(mobile, 'flow-04-resumed-on-phone');
    await saveAndContinue(mobile);

    // A conditional question: which tools appears only for people who use AI.
    const tools = mobile.getByRole('group', { name: 'Which kinds of AI tools have you used?' });
    const frequency = mobile.getByRole('group', { name: 'How often do you use AI tools' });
    await frequency.getByLabel('Never').check();
    expect(await tools.isVisible()).to.equal(false);
    await frequency.getByLabel('Every week').check();
    expect(await tools.isVisible()).to.equal(true);
    await tools.getByLabel('A general chat assistant').check();
    await mobile.getByRole('group', { name: 'Do you know your organisation' }).getByLabel('I have heard of them').check();
    await screenshot(mobile, 'flow-05-conditional-question');
    await saveAndContinue(mobile);

    await mobile.getByRole('group', { name: 'Which measures is your work judged by?' }).getByLabel('Error rate or rework').check();
    await saveAndContinue(mobile);
    for (const question of ['How worried are you that AI', 'How comfortable are you', 'How far would you trust', 'How worried are you about breaking rules']) {
      await mobile.getByRole('group', { name: question }).getByLabel('3', { exact: true }).check();
    }
    await saveAndContinue(mobile);
    await mobile.getByRole('group', { name: 'Which formats work for you?' }).getByLabel('Practising on my own work').check();
    await mobile.getByRole('group', { name: 'When in the week' }).getByLabel('Late morning').check();
    await mobile.getByLabel('How many hours a month').fill('4');
    await saveAndContinue(mobile);
    await mobile.getByRole('group', { name: 'Which finance systems' }).getByLabel('Spreadsheets as the main tool').check();
    await mobile.getByLabel('Which controls must any new way of working respect?').fill('Four-eyes approval above 10,000 EUR.');
    await saveAndContinue(mobile);

    // Review, then submit.
    expect(new URL(mobile.url()).pathname).to.equal('/me/intake/review');
    const managerView = mobile.locator('.manager-view .task-card__text');
    expect(await managerView.allTextContents()).to.deep.equal(['Reconcile supplier statements against the ledger', 'Key invoices into the ERP', 'Answer supplier payment queries']);
    await screenshot(mobile, 'flow-06-review');
    await Promise.all([mobile.waitForNavigation(), mobile.getByRole('button', { name: 'Submit my answers' }).click()]);
    expect(await mobile.locator('h1').textContent()).to.contain('Thank you');
    await screenshot(mobile, 'flow-07-thank-you');
    await phone.close();

    // The manager: confirm one, reword one, reject one, add one they missed.
    const desk = await web.browser.newContext({ viewport: { width: 1100, height: 900 } });
    const boss = await desk.newPage();
    await boss.goto(`${web.server.baseUrl}/i/${manager.token}`);
    expect(new URL(boss.url()).pathname).to.equal('/me/reports');
    expect(await boss.locator('.report .tag').textContent()).to.equal('Awaiting your review');
    await screenshot(boss, 'flow-08-team');
    await Promise.all([boss.waitForNavigation(), boss.getByRole('link', { name: /Review.*tasks/ }).click()]);
    expect(await boss.locator('#t-0-text').isVisible()).to.equal(false);
    await boss.getByRole('group', { name: 'Your decision on task 1' }).getByLabel('Confirm as written').check();
    await boss.getByLabel('Priority of task 1').selectOption('5');
    await boss.getByRole('group', { name: 'Your decision on task 2' }).getByLabel('Confirm with new wording').check();
    await boss.getByLabel('New wording for task 2').fill('Key supplier invoices into SAP');
    await boss.getByLabel('Priority of task 2').selectOption('3');
    await boss.getByRole('group', { name: 'Your decision on task 3' }).getByLabel('Reject').check();
    expect(await boss.getByLabel('Priority of task 3').isVisible()).to.equal(false);
    await boss.getByRole('button', { name: 'Add a task they missed' }).click();
    expect(await focusedId(boss)).to.equal('n-0-text');
    await boss.fill('#n-0-text', 'Prepare the monthly audit file');
    await boss.fill('#n-0-hoursPerWeek', '1');
    await boss.selectOption('#n-0-priority', '4');
    await screenshot(boss, 'flow-09-manager-review');
    await Promise.all([boss.waitForNavigation(), boss.getByRole('button', { name: 'Save review', exact: true }).click()]);
    expect(await boss.getByRole('status').first().textContent()).to.contain("Saved your review of Paul Participant's tasks.");
    expect(await boss.locator('.report .tag').textContent()).to.equal('Confirmed');
    await screenshot(boss, 'flow-10-team-confirmed');
    await desk.close();

    const reports = await fetch(`${web.server.baseUrl}/api/v1/me/reports`, { headers: { Authorization: `Bearer ${manager.token}` } }).then((r) => r.json() as Promise<{ reports: Array<{ tasks: Array<{ text: string; status: string; priority?: number }> }> }>);
    expect(reports.reports[0].tasks.map((task) => `${task.status}:${task.priority ?? '-'}:${task.text}`)).to.deep.equal([
      'confirmed:5:Reconcile supplier statements against the ledger',
      'confirmed:3:Key supplier invoices into SAP',
      'rejected:-:Answer supplier payment queries',
      'confirmed:4:Prepare the monthly audit file',
    ]);
  });

  /** A new participant, signed in through their link in a browser context of their own, on the first section. */
  async function openFirstSection() {
    const { participant } = await buildTeam(web.server.app, web.server.adminToken);
    const context = await web.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.server.baseUrl}/i/${participant.token}`);
    await page.goto(`${web.server.baseUrl}/me/intake/pages/1`);
    return { participant, context, page };
  }

  it('when the person signs out in another tab while a page is open, then typing there says they are signed out rather than that a Save button will keep it', async () => {
    const { context, page } = await openFirstSection();
    const other = await context.newPage();
    await other.goto(`${web.server.baseUrl}/me/intake`);
    await Promise.all([other.waitForNavigation(), other.getByRole('button', { name: 'Sign out' }).click()]);

    await page.getByLabel('What is your job title?').fill('Accounts payable clerk');
    const status = page.locator('[data-autosave-status]');
    await status.filter({ hasText: /\S/ }).waitFor();

    expect(await status.textContent()).to.contain('signed out').and.not.contain('will be saved when you press');
    await context.close();
  });

  it('when the person types and at once follows a link away from the page (the review, another section), then what they typed is saved first', async () => {
    const { context, page } = await openFirstSection();

    await page.getByLabel('What is your job title?').fill('Accounts payable clerk');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Review your answers and submit' }).click()]);

    expect(new URL(page.url()).pathname).to.equal('/me/intake/review');
    expect(await page.locator('.answers').first().textContent()).to.contain('Accounts payable clerk');
    await context.close();
  });

  it('when the person types and at once closes the tab, then what they typed is saved all the same', async () => {
    const { participant, context, page } = await openFirstSection();

    await page.getByLabel('What is your job title?').fill('Accounts payable clerk');
    await page.close({ runBeforeUnload: true });
    const saved = await savedJobTitle(web.server.app, participant.token, 'Accounts payable clerk');
    await context.close();

    expect(saved).to.equal('Accounts payable clerk');
  });

  it('when a save is slow and the person types on, then the next save waits for it rather than being refused as a change from another tab', async () => {
    const { participant, context, page } = await openFirstSection();
    await page.route('**/me/intake/pages/1', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.continue();
    });
    const title = page.getByLabel('What is your job title?');
    const status = page.locator('[data-autosave-status]');

    await title.fill('Accounts');
    await page.waitForRequest((request) => request.method() === 'POST');
    await title.fill('Accounts payable clerk');
    await status.filter({ hasText: /\S/ }).waitFor();
    await page.unroute('**/me/intake/pages/1');
    await page.locator('input[data-version][value="2"], [data-autosave-status]:has-text("another tab")').first().waitFor({ state: 'attached' });
    const stored = await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { headers: { Authorization: `Bearer ${participant.token}` } }).then((r) => r.json() as Promise<{ answers: Record<string, unknown> }>);

    expect(await status.textContent()).to.equal('All changes saved.');
    expect(stored.answers.jobTitle).to.equal('Accounts payable clerk');
    await context.close();
  });

  it('when a task is one long unbroken word (a pasted path or link), then the review and the manager\'s page are no wider than a phone', async () => {
    const { manager, participant } = await buildTeam(web.server.app, web.server.adminToken);
    const api = { Authorization: `Bearer ${participant.token}`, 'Content-Type': 'application/json' };
    const { bank } = await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { headers: api }).then((r) => r.json() as Promise<{ bank: Parameters<typeof answerEverything>[0] }>);
    const answers = answerEverything(bank, 3) as { tasks: Array<Record<string, unknown>> };
    answers.tasks[0].description = `Update ${'Month_End_Close_'.repeat(20)}Checklist.xlsx`;
    expect((await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { method: 'PUT', headers: api, body: JSON.stringify({ answers, version: 0 }) })).status).to.equal(200);
    expect((await fetch(`${web.server.baseUrl}/api/v1/me/intake/submit`, { method: 'POST', headers: api })).status).to.equal(200);
    const phone = await web.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();

    await page.goto(`${web.server.baseUrl}/i/${participant.token}`);
    await page.goto(`${web.server.baseUrl}/me/intake/review`);
    const review = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    await page.goto(`${web.server.baseUrl}/i/${manager.token}`);
    await page.goto(`${web.server.baseUrl}/me/reports/${participant.id}`);
    const managerPage = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');

    expect(review).to.satisfy(([width, window]: number[]) => width <= window);
    expect(managerPage).to.satisfy(([width, window]: number[]) => width <= window);
    await phone.close();
  });
});
