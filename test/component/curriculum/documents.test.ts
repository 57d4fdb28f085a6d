import { expect } from 'chai';
import ical from 'node-ical';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { computeShortlist, createScenario } from '../../support/shortlist-builders.ts';
import { setCookie } from '../../support/page-builders.ts';
import { SESSION_COOKIE } from '../../../src/access/index.ts';
import { approveShortlist, buildApprovedTeam, confirmAll, generateCurriculum, MILESTONES, VARIANCE } from '../../support/curriculum-builders.ts';

const HOSTILE_TASK = 'Match supplier invoices to purchase orders <script>alert("x")</script> & goods receipts';

function parseEvents(ics: string): ical.VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

describe('GET /api/v1/engagements/:engagementId/curriculum.html and .ics', () => {
  const db = useTestDatabase('curriculum_documents');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  /** A finance contributor whose task text carries markup, with the invoice module approved. */
  async function engagementWithHostileTask(): Promise<string> {
    const s = await createScenario(t.app, t.adminToken, { milestones: MILESTONES });
    const person = await s.addReport([{ text: HOSTILE_TASK, hoursPerWeek: 5 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: 'Book travel for the audit team', hoursPerWeek: 1 }]);
    await confirmAll(t.app, s.boss, person.id);
    await computeShortlist(t.app, t.adminToken, s.engagementId);
    await approveShortlist(t.app, t.adminToken, s.engagementId, { 'finance-contributor': ['invoice-three-way-matching', 'month-end-variance-commentary'] });
    return s.engagementId;
  }

  it('when the HTML is fetched, then it is one printable document with a section per cohort, the why, the calendar, the guardrails and the flags', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const curriculum = await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum.html`).set(bearer(t.adminToken));

    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/html');
    expect(res.text).to.match(/^<!doctype html>/);
    expect(res.text).to.include('@media print');
    for (const cohort of curriculum.cohorts) expect(res.text).to.include(`id="cohort-${cohort.id}"`);
    expect(res.text).to.include('Finance: individual contributors');
    expect(res.text).to.include('Why these training modules');
    expect(res.text).to.include('Invoice processing and three-way matching');
    expect(res.text).to.include('Week of Monday 18 May 2026');
    expect(res.text).to.include('Mon 18 May 2026');
    expect(res.text).to.include('Never enter into an AI tool: Supplier bank statements.');
    expect(res.text).to.include('This cohort has one person');
    expect(res.text).to.include('Draft: not yet published to participants');
  });

  it('when a reported task carries markup, then the HTML shows it as text, and the page allows its own stylesheet only', async () => {
    const engagementId = await engagementWithHostileTask();
    await generateCurriculum(t.app, t.adminToken, engagementId);

    const res = await request(t.app).get(`/api/v1/engagements/${engagementId}/curriculum.html`).set(bearer(t.adminToken));

    expect(res.status).to.equal(200);
    expect(res.text).to.not.include('<script>');
    expect(res.text).to.include('Match supplier invoices to purchase orders &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; goods receipts');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.match(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).to.not.include('script-src');
  });

  it('when the iCalendar file is fetched, then a calendar parser reads one event per session, at the session\'s instants', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    const curriculum = await generateCurriculum(t.app, t.adminToken, team.engagementId);

    const res = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum.ics`).set(bearer(t.adminToken)).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
      r.on('end', () => done(null, text));
    });

    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=curriculum-${team.engagementId}-v1.ics`);
    const events = parseEvents(res.body as string);
    const sessions = curriculum.cohorts.flatMap((c) => c.sessions);
    expect(events).to.have.length(sessions.length);
    expect(events.map((e) => e.start.getTime()).sort()).to.deep.equal(sessions.map((s) => Date.parse(s.start)).sort());
    expect(events.every((e) => Number(e.sequence) === 1)).to.equal(true);
  });

  it('when a consultant signs in with the browser session, then the same downloads work without a bearer token', async () => {
    const team = await buildApprovedTeam(t.app, t.adminToken);
    await generateCurriculum(t.app, t.adminToken, team.engagementId);
    const signIn = await request(t.app).get(`/i/${t.adminToken}`);
    // Sent by hand: the cookie's expiry follows the test clock, which a cookie jar would judge by the real one.
    const cookie = setCookie(signIn, SESSION_COOKIE)!.split(';')[0];

    const html = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum.html`).set('Cookie', cookie);
    const anonymous = await request(t.app).get(`/api/v1/engagements/${team.engagementId}/curriculum.html`);

    expect(html.status, html.text.slice(0, 200)).to.equal(200);
    expect(html.text).to.include('Training curriculum for');
    expect(anonymous.status).to.equal(401);
  });
});
