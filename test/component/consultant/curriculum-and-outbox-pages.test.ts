import { expect } from 'chai';
import request from 'supertest';
import { OutboxWorker, type MailTransport } from '../../../src/mail/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { createScenario } from '../../support/shortlist-builders.ts';
import { buildApprovedTeam, FINANCE_TASKS } from '../../support/curriculum-builders.ts';
import { errorSummaryOf, signInConsultant, titleOf, type ConsultantSession } from '../../support/consultant-pages.ts';

describe('GET /consultant/engagements/:engagementId/curriculum and /outbox', () => {
  const db = useTestDatabase('consultant_curriculum');
  let t: TestApp;
  let consultant: ConsultantSession;

  before(async () => {
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
    consultant = await signInConsultant(t.app, t.adminToken);
  });

  describe('the curriculum page', () => {
    it('when the shortlist is not approved, then generating is refused (409) with the reason and the way to the shortlist', async () => {
      const s = await createScenario(t.app, t.adminToken);
      await s.addReport(FINANCE_TASKS);
      const path = `/consultant/engagements/${s.engagementId}/curriculum`;

      const empty = await consultant.agent.get(path);
      const refused = await consultant.post(`${path}/generate`);

      expect(empty.status).to.equal(200);
      expect(empty.text).to.contain('No curriculum yet');
      expect(refused.status).to.equal(409);
      expect(errorSummaryOf(refused.text)[0]).to.match(/^#curriculum-actions This engagement has no shortlist yet/);
      expect(refused.text).to.contain(`href="/consultant/engagements/${s.engagementId}/shortlist">Open the shortlist</a>`);
    });

    it('when generated, then the calendar shows each cohort\'s sessions by week with their kind, the flags first, and links to the HTML and .ics that download', async () => {
      const { engagementId } = await buildApprovedTeam(t.app, t.adminToken);
      const path = `/consultant/engagements/${engagementId}/curriculum`;

      const generated = await consultant.post(`${path}/generate`);
      const page = await consultant.agent.get(generated.headers.location);

      expect(generated.status).to.equal(303);
      expect(page.status).to.equal(200);
      expect(titleOf(page.text)).to.match(/^Curriculum: AI readiness \d+ – Tailor$/);
      expect(page.text).to.contain('A new draft version was generated');
      expect(page.text).to.match(/<th scope="col">Finance: contributors<\/th>/);
      expect(page.text).to.match(/<div class="session session--training[^"]*">\s*<p class="session__kind">Training<\/p>\s*<p class="session__title">Invoice processing and three-way matching<\/p>/);
      expect(page.text).to.match(/<th scope="row">Week of \d{1,2} [A-Z][a-z]{2} \d{4}<\/th>/);
      // The milestones of the builders lie in the past of the real clock: the page leads with those warnings.
      expect(page.text).to.match(/<section class="flags flags--warning" aria-labelledby="flags-heading">\s*<h2 id="flags-heading">Needs your attention \(\d+\)<\/h2>/);
      expect(page.text.indexOf('Needs your attention')).to.be.lessThan(page.text.indexOf('id="calendar-heading"'));
      const html = /href="(\/api\/v1\/engagements\/[0-9a-f]{24}\/curriculum\.html\?version&#x3D;1)"/.exec(page.text)![1].replace('&#x3D;', '=');
      const ics = /href="(\/api\/v1\/engagements\/[0-9a-f]{24}\/curriculum\.ics\?version&#x3D;1)"/.exec(page.text)![1].replace('&#x3D;', '=');
      const [document, calendar] = await Promise.all([consultant.agent.get(html), consultant.agent.get(ics)]);
      expect(document.status).to.equal(200);
      expect(document.headers['content-type']).to.match(/^text\/html/);
      expect(calendar.status).to.equal(200);
      expect(calendar.headers['content-disposition']).to.match(/^attachment; filename="?curriculum-[0-9a-f]{24}-v1\.ics"?$/);
      expect(calendar.text).to.match(/^BEGIN:VCALENDAR/);
    });

    it('when published, then the briefs are queued; publishing a version that is no longer the latest is refused (409) on the page', async () => {
      const { engagementId } = await buildApprovedTeam(t.app, t.adminToken);
      const path = `/consultant/engagements/${engagementId}/curriculum`;
      await consultant.post(`${path}/generate`);

      const published = await consultant.post(`${path}/publish`, { version: '1' });
      await consultant.post(`${path}/generate`);
      const stale = await consultant.post(`${path}/publish`, { version: '1' });

      expect(published.status).to.equal(303);
      expect(published.headers.location).to.equal(`${path}?done=published`);
      const outbox = await request(t.app).get(`/api/v1/engagements/${engagementId}/outbox`).set(bearer(t.adminToken));
      // Three reports and their boss (a cohort of one): each gets their brief.
      expect(outbox.body.mails.filter((m: { kind: string }) => m.kind === 'brief')).to.have.length(4);
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('Version 1 is not the latest curriculum (version 2 is)');
      expect(stale.text).to.match(/<td>Published \d{4}-\d{2}-\d{2}<\/td>/);
    });
  });

  describe('the outbox page', () => {
    it('when no SMTP server is set, then the page says mail is written to files, not sent; with one set, it does not', async () => {
      const withSmtp = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789', SMTP_URL: 'smtp://127.0.0.1:2525' }, overrides: { now: () => new Date() } });
      const smtpConsultant = await signInConsultant(withSmtp.app, withSmtp.adminToken);
      const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance'] });
      const viaSmtp = await createEngagement(withSmtp.app, withSmtp.adminToken, { departments: ['Finance'] });

      const files = await consultant.agent.get(`/consultant/engagements/${engagement.id}/outbox`);
      const smtp = await smtpConsultant.agent.get(`/consultant/engagements/${viaSmtp.id}/outbox`);

      expect(files.text).to.contain('No SMTP server is set');
      expect(smtp.status).to.equal(200);
      expect(smtp.text).not.to.contain('No SMTP server is set');
    });

    it('when a mail has failed, then it leads the page with its recipient and its last error, escaped, and every mail is listed with its state and attempts', async () => {
      const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance'] });
      await addPeople(t.app, t.adminToken, engagement.id, [
        buildPersonInput({ name: 'Bounce <b>Back</b>', email: 'bounce@northwind.test', department: 'Finance' }),
        buildPersonInput({ name: 'Gets Mail', email: 'gets.mail@northwind.test', department: 'Finance' }),
      ]);
      const transport: MailTransport = {
        name: 'smtp',
        send: async (mail) => {
          if (mail.to.email === 'bounce@northwind.test') throw Object.assign(new Error('Recipient address rejected'), { responseCode: 550, response: '550 5.1.1 <bounce@northwind.test>: no such mailbox' });
          return { note: '250 OK' };
        },
        close: () => {},
      };
      const worker = new OutboxWorker({ connection: db.connection, transport, logger: silentLogger, owner: 'page-test' });
      await worker.drain();
      await worker.stop();

      const res = await consultant.agent.get(`/consultant/engagements/${engagement.id}/outbox`);

      expect(res.status).to.equal(200);
      expect(titleOf(res.text)).to.match(/^Outbox: /);
      expect(res.text).to.match(/<h2 id="failed-heading">Failed mail \(1\): these people did not get it<\/h2>/);
      expect(res.text).to.contain('to Bounce &lt;b&gt;Back&lt;/b&gt; (bounce@northwind.test) after 1 attempt(s)');
      expect(res.text).to.contain('&lt;bounce@northwind.test&gt;: no such mailbox');
      expect(res.text.indexOf('failed-heading')).to.be.lessThan(res.text.indexOf('all-mail-heading'));
      expect(res.text.match(/<tr class="outbox__row outbox__row--sent">/g)).to.have.length(1);
      expect(res.text.match(/<tr class="outbox__row outbox__row--failed">/g)).to.have.length(1);
    });
  });
});
