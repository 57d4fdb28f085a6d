import fs from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { ensureFirstConsultant, FIRST_CONSULTANT_ID } from '../../src/access/index.ts';
import { screenshot, useBrowserAndServer } from '../support/browser.ts';
import { gateFirstCall } from '../support/gate-first-call.ts';
import { audit } from '../support/page-audit.ts';

async function clickAndWait(page: Page, click: Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click]);
}

/** A module's card on the shortlist, found by its cohort's heading and its title. */
function moduleCard(page: Page, cohort: string, title: string) {
  return page.locator('section.cohort', { has: page.getByRole('heading', { level: 2, name: cohort, exact: true }) }).locator('li.ranked-module', { hasText: title });
}

describe('a consultant in the browser (JavaScript on)', function () {
  this.timeout(180_000);
  const web = useBrowserAndServer('browser_consultant', async (server, connection) => {
    await ensureFirstConsultant(connection, server.adminToken);
  });

  it('when the administrator follows the start-up link, opens the demo, reviews and approves the shortlist and generates the curriculum, then the calendar, the .ics and the HTML are there', async () => {
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems: Record<string, string[]> = {};
    const check = async (name: string) => {
      problems[name] = await audit(page);
      await screenshot(page, name);
    };

    // Sign in with the one-time link npm start prints.
    const link = await web.server.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    await page.goto(`${web.server.baseUrl}${link.path}`);
    await check('consultant-01-sign-in-link');
    await clickAndWait(page, page.getByRole('button', { name: 'Sign in as Administrator' }).click());
    expect(new URL(page.url()).pathname).to.equal('/consultant');
    await check('consultant-02-home');

    // The demo engagement, made in one click.
    await clickAndWait(page, page.getByRole('button', { name: 'Create a demo engagement' }).click());
    expect(await page.locator('h1').textContent()).to.contain('AI readiness programme (demo)');
    expect(await page.locator('h1 .badge--demo').textContent()).to.equal('Demo');
    expect(await page.getByRole('status').first().textContent()).to.contain('The demo engagement is ready');
    await check('consultant-03-engagement');

    // Compute a new shortlist version: decisions are carried over, the version is a draft again.
    await clickAndWait(page, page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Shortlist' }).click());
    await clickAndWait(page, page.getByRole('button', { name: 'Compute a new version' }).click());
    expect(await page.locator('.toolbar__status').textContent()).to.contain('Version 2 (the latest)');
    expect(await page.locator('table.matrix tbody tr').count()).to.be.greaterThan(3);
    await check('consultant-04-shortlist');

    // Reject the Finance managers' modules, so approving the shortlist is refused and says why.
    const cohort = 'Finance: managers';
    for (const title of ['Month-end close: variance analysis and commentary', 'Invoice processing and three-way matching']) {
      await clickAndWait(page, moduleCard(page, cohort, title).getByRole('button', { name: `Reject ${title}` }).click());
    }
    await clickAndWait(page, page.getByRole('button', { name: 'Approve the shortlist' }).click());
    const summary = page.locator('.error-summary');
    expect(await summary.textContent()).to.contain('Finance: managers has no approved or pinned training module yet');
    await check('consultant-05-approval-refused');
    await summary.getByRole('link').first().click();
    expect(await page.evaluate('document.activeElement.id')).to.equal('cohort-finance-manager');

    // Pin a library module that was not on that cohort's list, with a note; approve one more; then approve the shortlist.
    const pinSection = page.locator('section.cohort', { has: page.getByRole('heading', { level: 2, name: cohort, exact: true }) });
    await pinSection.getByLabel('Pin a training module that is not on this list').selectOption({ label: 'Policy and standard operating procedure drafting' });
    await clickAndWait(page, pinSection.getByRole('button', { name: 'Pin it' }).click());
    const pinned = moduleCard(page, cohort, 'Policy and standard operating procedure drafting');
    expect(await pinned.locator('.tag').first().textContent()).to.equal('Pinned');
    await pinned.getByText('Add a note').click();
    await pinned.getByLabel('Note').fill('Priya owns the finance procedures manual.');
    await clickAndWait(page, pinned.getByRole('button', { name: 'Pin Policy and standard operating procedure drafting' }).click());
    expect(await moduleCard(page, cohort, 'Policy and standard operating procedure drafting').locator('.ranked-module__note').textContent()).to.contain('Priya owns the finance procedures manual.');
    await clickAndWait(page, moduleCard(page, cohort, 'Month-end close: variance analysis and commentary').getByRole('button', { name: 'Approve Month-end close: variance analysis and commentary' }).click());
    await clickAndWait(page, page.getByRole('button', { name: 'Approve the shortlist' }).click());
    expect(await page.getByRole('status').first().textContent()).to.contain('The shortlist is approved');
    await check('consultant-06-shortlist-approved');

    // Generate the curriculum and read its calendar.
    await clickAndWait(page, page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Curriculum' }).click());
    await clickAndWait(page, page.getByRole('button', { name: 'Generate a new version' }).click());
    expect(await page.locator('.toolbar__status').textContent()).to.contain('Version 2');
    expect(await page.locator('table.calendar thead th').allTextContents()).to.include('Finance: managers');
    expect(await page.locator('table.calendar .session--training', { hasText: 'Policy and standard operating procedure drafting' }).count()).to.be.greaterThan(0);
    await check('consultant-07-calendar');

    // The .ics download and the printable HTML.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Calendar file (.ics)' }).click()]);
    const ics = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).to.match(/^curriculum-[0-9a-f]{24}-v2\.ics$/);
    expect(ics).to.match(/^BEGIN:VCALENDAR/);
    expect(ics.match(/BEGIN:VEVENT/g)!.length).to.be.greaterThan(10);
    await clickAndWait(page, page.getByRole('link', { name: 'Printable curriculum (HTML)' }).click());
    expect(await page.title()).to.contain('Curriculum v2');
    expect(await page.locator('body').textContent()).to.contain('Policy and standard operating procedure drafting');
    await screenshot(page, 'consultant-08-printable-curriculum');
    await page.goBack();

    // The outbox: every demo mail is kept, none sent.
    await clickAndWait(page, page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Outbox' }).click());
    expect(await page.locator('.outbox tbody .tag').allTextContents()).to.satisfy((states: string[]) => states.length > 0 && states.every((s) => s === 'Demo: never sent'));
    await check('consultant-09-outbox');

    // On a phone, the shortlist and the overview still read top to bottom: only their wide tables scroll
    // sideways, in their own regions. (A mobile viewport widens itself to the page, so the page is
    // measured against the phone's 390 px, not against the window.)
    const phone = await web.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, storageState: await context.storageState() });
    const mobile = await phone.newPage();
    await mobile.goto(page.url().replace('/outbox', '/shortlist'));
    expect(await mobile.evaluate('document.documentElement.scrollWidth')).to.be.at.most(390);
    await screenshot(mobile, 'consultant-10-shortlist-on-phone');
    await mobile.goto(page.url().replace('/outbox', ''));
    expect(await mobile.evaluate('document.documentElement.scrollWidth')).to.be.at.most(390);
    await phone.close();

    // Remove the demo: one confirmation, then nothing of it is left on the home page.
    await clickAndWait(page, page.getByRole('link', { name: 'Remove the demo' }).click());
    await check('consultant-11-remove-demo');
    await clickAndWait(page, page.getByRole('button', { name: 'Remove the demo' }).click());
    expect(new URL(page.url()).pathname).to.equal('/consultant');
    expect(await page.getByRole('status').first().textContent()).to.contain('have been removed');
    expect(await page.getByRole('button', { name: 'Create a demo engagement' }).count()).to.equal(1);
    await context.close();

    expect(problems).to.deep.equal(Object.fromEntries(Object.keys(problems).map((name) => [name, []])));
  });

  it('when "Open the engagement" is clicked again while the first click is still being answered, then one engagement is opened, not two', async () => {
    const context = await web.browser.newContext();
    const page = await context.newPage();
    const link = await web.server.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    await page.goto(`${web.server.baseUrl}${link.path}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Sign in as Administrator' }).click());
    await page.goto(`${web.server.baseUrl}/consultant/engagements/new`);
    const name = `Clicked twice ${Date.now()}`;
    await page.getByLabel('Engagement name').fill(name);
    await page.getByLabel('Client organisation').fill('Northwind');
    await page.getByLabel('Departments').fill('Finance');
    const open = page.getByRole('button', { name: 'Open the engagement' });
    // The first click's engagement is held on the server, so the second click lands while it is being made.
    const gate = gateFirstCall(web.server.components.engagements, 'createEngagement', { holdBefore: true });

    await open.scrollIntoViewIfNeeded();
    const box = (await open.boundingBox())!;
    const clickOpen = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    try {
      await clickOpen();
      await gate.reached;
      await clickOpen();
      // Room for a second request to reach the server, if the page sends one.
      await page.waitForTimeout(500);
      gate.open();
      await page.waitForURL(/\?done=created$/);
    } finally {
      gate.restore();
    }

    const listed = await page.request.get(`${web.server.baseUrl}/api/v1/engagements`);
    expect(((await listed.json()).engagements as Array<{ name: string }>).filter((e) => e.name === name)).to.have.length(1);
    await context.close();
  });

  it('when a module\'s note is one unbroken word of 2,000 characters, then the shortlist page is still no wider than the window', async () => {
    const context = await web.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const link = await web.server.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    await page.goto(`${web.server.baseUrl}${link.path}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Sign in as Administrator' }).click());
    await clickAndWait(page, page.getByRole('button', { name: 'Create a demo engagement' }).click());
    await clickAndWait(page, page.getByRole('navigation', { name: 'This engagement' }).getByRole('link', { name: 'Shortlist' }).click());
    const title = 'Invoice processing and three-way matching';
    const card = moduleCard(page, 'Finance: contributors', title);

    await card.getByText('Add a note').click();
    await card.getByLabel('Note').fill('x'.repeat(2000));
    await clickAndWait(page, card.getByRole('button', { name: `Approve ${title}` }).click());

    expect(await moduleCard(page, 'Finance: contributors', title).locator('.ranked-module__note').textContent()).to.contain('x'.repeat(2000));
    expect(await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')).to.satisfy(([width, window]: number[]) => width <= window);
    await context.close();
  });
});
