import { expect } from 'chai';
import { answerEverything } from '../support/intake-builders.ts';
import { buildTeam } from '../support/page-builders.ts';
import { focusedId, screenshot, useBrowserAndServer } from '../support/browser.ts';
import { audit } from '../support/page-audit.ts';

describe('accessibility smoke check of the pages', function () {
  this.timeout(120_000);
  const web = useBrowserAndServer('browser_a11y');

  it('when every page of the intake, the review, the team pages and the sign-in page are opened, then each control has a label and each page a title and one h1', async () => {
    const { manager, participant } = await buildTeam(web.server.app, web.server.adminToken);
    const context = await web.browser.newContext();
    const page = await context.newPage();
    const visited: Record<string, string[]> = {};
    const visit = async (path: string) => {
      await page.goto(`${web.server.baseUrl}${path}`);
      visited[path] = await audit(page);
    };

    await visit('/sign-in');
    await page.goto(`${web.server.baseUrl}/i/${participant.token}`);
    await visit('/me/intake');
    for (let n = 1; n <= 7; n += 1) await visit(`/me/intake/pages/${n}`);
    await visit('/me/intake/review');
    await visit('/no/such/page');

    const api = { Authorization: `Bearer ${participant.token}`, 'Content-Type': 'application/json' };
    const { bank } = await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { headers: api }).then((r) => r.json() as Promise<{ bank: Parameters<typeof answerEverything>[0] }>);
    await fetch(`${web.server.baseUrl}/api/v1/me/intake`, { method: 'PUT', headers: api, body: JSON.stringify({ answers: answerEverything(bank, 3), version: 0 }) });
    await fetch(`${web.server.baseUrl}/api/v1/me/intake/submit`, { method: 'POST', headers: api });
    await page.goto(`${web.server.baseUrl}/i/${manager.token}`);
    await visit('/me/reports');
    await visit(`/me/reports/${participant.id}`);
    await context.close();

    expect(Object.keys(visited)).to.have.length(13);
    expect(Object.fromEntries(Object.entries(visited).filter(([, problems]) => problems.length > 0))).to.deep.equal({});
  });

  it('when a page has errors, then the summary takes focus and each of its links moves focus to its field', async () => {
    const { participant } = await buildTeam(web.server.app, web.server.adminToken);
    const context = await web.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.server.baseUrl}/i/${participant.token}`);
    await page.goto(`${web.server.baseUrl}/me/intake/pages/2`);
    await page.fill('#q-tasks-0-description', 'Book travel for the team');
    await page.fill('#q-tasks-0-hoursPerWeek', 'often');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and continue' }).click()]);
    const summaryFocused = (await page.evaluate('document.activeElement.classList.contains("error-summary")')) as boolean;
    const links = page.locator('.error-summary a');
    const targets: Array<[string, string]> = [];
    for (let i = 0; i < (await links.count()); i += 1) {
      const href = (await links.nth(i).getAttribute('href'))!.slice(1);
      await links.nth(i).click();
      targets.push([href, await focusedId(page)]);
    }
    await screenshot(page, 'a11y-error-summary');
    await context.close();

    expect(summaryFocused).to.equal(true);
    expect(targets.length).to.be.greaterThan(0);
    expect(targets.map(([, focused]) => focused)).to.deep.equal(targets.map(([href]) => href));
    expect(targets.map(([href]) => href)).to.include('q-tasks-0-hoursPerWeek');
  });
});
