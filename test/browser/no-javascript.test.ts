import { expect } from 'chai';
import { answerEverything } from '../support/intake-builders.ts';
import { buildTeam } from '../support/page-builders.ts';
import { focusedId, screenshot, useBrowserAndServer } from '../support/browser.ts';

const ROLE_QUESTIONS = ['jobTitle', 'responsibilities', 'timeInRole', 'reviewOfWork'];

describe('the intake with JavaScript off', function () {
  this.timeout(120_000);
  const web = useBrowserAndServer('browser_no_js');

  it('when a participant without JavaScript fixes errors, adds a task row, opens a follow-up question and submits, then every step works by plain form posts', async () => {
    const { participant } = await buildTeam(web.server.app, web.server.adminToken);
    const api = { Authorization: `Bearer ${participant.token}`, 'Content-Type': 'application/json' };
    const { bank } = await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { headers: api }).then((r) => r.json() as Promise<{ bank: Parameters<typeof answerEverything>[0] }>);
    const answers = answerEverything(bank, 3);
    for (const id of ROLE_QUESTIONS) delete answers[id];
    expect((await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { method: 'PUT', headers: api, body: JSON.stringify({ answers, version: 0 }) })).status).to.equal(200);
    const context = await web.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();

    // The role page is the first with something missing; continuing with it empty lists the problems.
    await page.goto(`${web.server.baseUrl}/i/${participant.token}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Continue where you left off' }).click()]);
    expect(new URL(page.url()).pathname).to.equal('/me/intake/pages/1');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);
    expect(await page.title()).to.match(/^Error: Your role/);
    await screenshot(page, 'no-js-01-error-summary');
    await page.locator('.error-summary a').first().click();
    expect(await focusedId(page)).to.equal('q-jobTitle');

    await page.getByLabel('What is your job title?').fill('Payroll administrator');
    await page.getByLabel('In two or three sentences').fill('I run the monthly payroll.');
    await page.getByRole('group', { name: 'How long have you been in this role?' }).getByLabel('More than 5 years').check();
    await page.getByRole('group', { name: 'Before your work is used by others' }).getByLabel('My manager approves it').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);

    // The task list: "Add another task" reloads the page with a new, focused row.
    expect(new URL(page.url()).pathname).to.equal('/me/intake/pages/2');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add another task' }).click()]);
    expect(await focusedId(page)).to.equal('q-tasks-3-description');
    await page.fill('#q-tasks-3-description', 'Check overtime claims against timesheets');
    await page.fill('#q-tasks-3-hoursPerWeek', '3');
    await page.check('#q-tasks-3-frequency-3');
    await page.check('#q-tasks-3-dataSensitivity-3');
    await screenshot(page, 'no-js-02-row-added');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);

    // A follow-up question appears after saving, with a notice, and takes focus.
    expect(new URL(page.url()).pathname).to.equal('/me/intake/pages/3');
    expect(await page.getByRole('group', { name: 'Which kinds of AI tools have you used?' }).isVisible()).to.equal(false);
    await page.getByRole('group', { name: 'How often do you use AI tools' }).getByLabel('Every day').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);
    expect(await page.getByText('Your answers opened follow-up questions').isVisible()).to.equal(true);
    expect(await focusedId(page)).to.equal('q-aiTools');
    await screenshot(page, 'no-js-03-follow-up-question');
    await page.getByRole('group', { name: 'Which kinds of AI tools have you used?' }).getByLabel('A coding assistant').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);
    expect(new URL(page.url()).pathname).to.equal('/me/intake/pages/4');

    // Review and submit.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Review your answers and submit' }).click()]);
    expect(await page.locator('.manager-view .task-card__text').count()).to.equal(4);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Submit my answers' }).click()]);
    expect(await page.locator('h1').textContent()).to.contain('Thank you');
    await screenshot(page, 'no-js-04-thank-you');
    await context.close();

    const intake = await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { headers: api }).then((r) => r.json() as Promise<{ status: string; answers: { tasks: unknown[]; aiTools: string[] } }>);
    expect(intake.status).to.equal('submitted');
    expect(intake.answers.tasks).to.have.length(4);
    expect(intake.answers.aiTools).to.deep.equal(['coding-assistant']);
  });
});
