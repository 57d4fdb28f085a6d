import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { gateFirstCall } from '../../support/gate-first-call.ts';
import { bearer } from '../../support/intake-builders.ts';
import { cohortOf, computeShortlist, createScenario, moduleOf, type ShortlistBody } from '../../support/shortlist-builders.ts';
import { errorSummaryOf, signInConsultant, titleOf, type ConsultantSession } from '../../support/consultant-pages.ts';

const INVOICES = 'Match supplier invoices to purchase orders & goods <b>receipts</b>';
const VARIANCE = 'Write variance commentary for the monthly management accounts';
const PLANTS = 'Water the office plants';

describe('GET /consultant/engagements/:engagementId/shortlist and its forms', () => {
  const db = useTestDatabase('consultant_shortlist');
  let t: TestApp;
  let consultant: ConsultantSession;

  before(async () => {
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
    consultant = await signInConsultant(t.app, t.adminToken);
  });

  /** Finance and HR contributors with submitted tasks; HR's are all gaps, so HR has no module to approve. */
  async function scenario() {
    const s = await createScenario(t.app, t.adminToken);
    const ana = await s.addReport([{ text: INVOICES, hoursPerWeek: 6 }, { text: VARIANCE, hoursPerWeek: 3 }, { text: PLANTS, hoursPerWeek: 1 }], { name: 'Ana <i>Alves</i>' });
    await s.addReport([{ text: 'Organise the summer party', hoursPerWeek: 2 }, { text: 'Water the office plants on Fridays', hoursPerWeek: 1 }, { text: 'Book the meeting rooms for the board', hoursPerWeek: 1 }], { department: 'Human Resources' });
    return { ...s, ana, path: `/consultant/engagements/${s.engagementId}/shortlist` };
  }

  const latest = async (engagementId: string): Promise<ShortlistBody> => (await request(t.app).get(`/api/v1/engagements/${engagementId}/shortlist`).set(bearer(t.adminToken))).body;

  it('when there is no shortlist yet, then the page offers to compute one; once computed, it shows the matrix, each match\'s evidence with the people and tasks, and the gaps', async () => {
    const { path } = await scenario();

    const empty = await consultant.agent.get(path);
    const computed = await consultant.post(`${path}/compute`);
    const page = await consultant.agent.get(computed.headers.location);

    expect(empty.status).to.equal(200);
    expect(empty.text).to.contain('Compute the shortlist');
    expect(computed.status).to.equal(303);
    expect(page.status).to.equal(200);
    expect(titleOf(page.text)).to.match(/^Shortlist: AI readiness \d+ – Tailor$/);
    expect(page.text).to.contain('A new version of the shortlist was computed');
    expect(page.text).to.match(/<table class="table matrix">[\s\S]*Invoice processing and three-way matching[\s\S]*class="matrix__cell shade-5"/);
    expect(page.text).to.contain('Shading by demand:');
    expect(page.text).to.contain('“Match supplier invoices to purchase orders &amp; goods &lt;b&gt;receipts&lt;/b&gt;”');
    expect(page.text).not.to.contain('<b>receipts</b>');
    expect(page.text).to.contain('Ana &lt;i&gt;Alves&lt;/i&gt;');
    expect(page.text).to.match(/Score \d+ %\. Matched “[^”]+”; shared words: [a-z]/);
    expect(page.text).to.match(/<section class="cohort" aria-labelledby="cohort-human-resources-contributor">[\s\S]*Gaps: reported work no training module covers[\s\S]*Organise the summer party/);
  });

  it('when the shortlist is approved while a cohort has no approved or pinned module, then the 409 names that cohort in the summary and beside it, and nothing is approved', async () => {
    const { engagementId, path } = await scenario();
    const shortlist = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(shortlist, 'finance-contributor');
    await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: finance.modules[0].moduleId, decision: 'approve', note: '' });

    const res = await consultant.post(`${path}/approve`, { version: '1' });

    expect(res.status).to.equal(409);
    expect(titleOf(res.text)).to.match(/^Error: Shortlist: /);
    expect(errorSummaryOf(res.text)).to.deep.equal([
      '#cohort-human-resources-contributor Human Resources: contributors has no approved or pinned training module yet: approve or pin one before approving the shortlist.',
    ]);
    expect(res.text).to.match(/<section class="cohort cohort--error" aria-labelledby="cohort-human-resources-contributor">\s*<h2 id="cohort-human-resources-contributor" tabindex="-1">Human Resources: contributors<\/h2>\s*<p class="field-error">/);
    expect((await latest(engagementId)).status).to.equal('draft');
  });

  it('when a module is approved with a note, another moved, and a library module not on the list pinned, then each is stored and the shortlist can be approved', async () => {
    const { engagementId, path } = await scenario();
    const shortlist = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(shortlist, 'finance-contributor');
    const [first, second] = finance.modules;

    const noted = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: first.moduleId, decision: 'approve', note: 'Bring <script>alert(1)</script> real invoices' });
    await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: second.moduleId, decision: 'approve', note: '' });
    const moved = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: second.moduleId, current: 'approved', position: '1', note: '' });
    const pinned = await consultant.post(`${path}/pin`, { version: '1', cohortId: 'human-resources-contributor', moduleId: 'job-description-drafting' });
    const approved = await consultant.post(`${path}/approve`, { version: '1' });

    expect([noted.status, moved.status, pinned.status, approved.status]).to.deep.equal([303, 303, 303, 303]);
    expect(noted.headers.location).to.equal(`${path}?done=decided#module-finance-contributor-${first.moduleId}`);
    const stored = await latest(engagementId);
    expect(stored.status).to.equal('approved');
    const storedFinance = cohortOf(stored, 'finance-contributor');
    expect(moduleOf(storedFinance, first.moduleId)).to.include({ decision: 'approved', note: 'Bring <script>alert(1)</script> real invoices', position: 2 });
    expect(moduleOf(storedFinance, second.moduleId)).to.include({ decision: 'approved', position: 1 });
    expect(moduleOf(cohortOf(stored, 'human-resources-contributor'), 'job-description-drafting')).to.include({ decision: 'pinned', isAddedByConsultant: true });
    const page = await consultant.agent.get(approved.headers.location);
    expect(page.text).to.contain('The shortlist is approved.');
    expect(page.text).to.contain('Bring &lt;script&gt;alert(1)&lt;/script&gt; real invoices');
    expect(page.text).not.to.contain('<script>alert(1)');
  });

  it('when a note is over 2,000 characters, then the form comes back (422) with the note as typed and the message beside it, and nothing is stored', async () => {
    const { engagementId, path } = await scenario();
    const shortlist = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(shortlist, 'finance-contributor');
    const moduleId = finance.modules[0].moduleId;
    const note = `Ask the client about <their> ERP first. ${'x'.repeat(2000)}`;

    const res = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId, decision: 'approve', note });

    const noteId = `note-module-${finance.id}-${moduleId}`;
    expect(res.status).to.equal(422);
    expect(errorSummaryOf(res.text)).to.deep.equal([`#${noteId} Keep the note to 2,000 characters.`]);
    expect(res.text).to.contain(`id="${noteId}-error"`);
    expect(res.text).to.match(new RegExp(`<textarea [^>]*id="${noteId}"[^>]*aria-invalid="true"[^>]*>Ask the client about &lt;their&gt; ERP first\\. x{2000}</textarea>`));
    expect(moduleOf(cohortOf(await latest(engagementId), 'finance-contributor'), moduleId).decision).to.equal(finance.modules[0].decision);
  });

  it('when a form shows a version older than the latest, then nothing is applied and the latest is shown (409)', async () => {
    const { engagementId, path } = await scenario();
    const first = await computeShortlist(t.app, t.adminToken, engagementId);
    await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(first, 'finance-contributor');

    const res = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: finance.modules[0].moduleId, decision: 'reject', note: '' });

    expect(res.status).to.equal(409);
    expect(res.text).to.contain('A newer version (2) was computed since that page was loaded, so nothing was changed.');
    expect(moduleOf(cohortOf(await latest(engagementId), finance.id), finance.modules[0].moduleId).decision).to.equal('pending');
  });

  it('when a note is typed on a page older than the latest version, then nothing is applied and the latest comes back (409) with the note as typed in that module\'s form', async () => {
    const { engagementId, path } = await scenario();
    const first = await computeShortlist(t.app, t.adminToken, engagementId);
    await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(first, 'finance-contributor');
    const moduleId = finance.modules[0].moduleId;

    const res = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId, decision: 'approve', note: 'Ask for <real> invoices first' });

    expect(res.status).to.equal(409);
    expect(res.text).to.match(new RegExp(`<textarea [^>]*id="note-module-${finance.id}-${moduleId}"[^>]*>Ask for &lt;real&gt; invoices first</textarea>`));
    expect(moduleOf(cohortOf(await latest(engagementId), finance.id), moduleId).note ?? '').to.equal('');
  });

  it('when a note is 1,500 emoji (3,000 UTF-16 units) with Windows line breaks, then it is within the 2,000 characters and saved with plain line breaks', async () => {
    const { engagementId, path } = await scenario();
    const shortlist = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(shortlist, 'finance-contributor');
    const moduleId = finance.modules[0].moduleId;
    const note = `${'\u{1F44D}'.repeat(1000)}\r\n${'\u{1F44D}'.repeat(499)}`;

    const res = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId, decision: 'approve', note });

    expect(res.status, errorSummaryOf(res.text).join('\n')).to.equal(303);
    expect(moduleOf(cohortOf(await latest(engagementId), finance.id), moduleId).note).to.equal(note.replace('\r\n', '\n'));
  });

  it('when a newer version is computed while a decision is being checked against the shown one, then nothing is applied to the version the consultant has not seen (409)', async () => {
    const { engagementId, path } = await scenario();
    const first = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(first, 'finance-contributor');
    const shortlist = t.components.shortlist;
    const original = shortlist.getShortlist;
    // Another consultant's "Compute a new version" lands right after the page has read the latest version.
    shortlist.getShortlist = async (...args) => {
      const read = await original(...args);
      shortlist.getShortlist = original;
      await computeShortlist(t.app, t.adminToken, engagementId);
      return read;
    };

    try {
      const res = await consultant.post(`${path}/decisions`, { version: '1', cohortId: finance.id, moduleId: finance.modules[0].moduleId, decision: 'reject', note: '' });

      expect(res.status).to.equal(409);
    } finally {
      shortlist.getShortlist = original;
    }
    const stored = await latest(engagementId);
    expect(stored.version).to.equal(2);
    expect(moduleOf(cohortOf(stored, finance.id), finance.modules[0].moduleId).decision).to.equal('pending');
  });

  it('when another computation lands while "Compute a new version" runs (a double click), then the page shows the latest version with a notice (409), not an error page', async () => {
    const { engagementId, path } = await scenario();
    await computeShortlist(t.app, t.adminToken, engagementId);
    // The page's computation is held once it has read version 1; the other one stores version 2 meanwhile.
    const gate = gateFirstCall(t.components.engagements, 'listPeople');

    let res: request.Response;
    try {
      const held = (async () => consultant.post(`${path}/compute`))();
      await gate.reached;
      await computeShortlist(t.app, t.adminToken, engagementId);
      gate.open();
      res = await held;
    } finally {
      gate.restore();
    }

    expect(res.status).to.equal(409);
    expect(titleOf(res.text)).to.match(/^Shortlist: /);
    expect(res.text).to.contain('Version 2 (the latest)');
    expect(res.text).to.contain('Another computation of this shortlist finished at the same time');
    expect((await latest(engagementId)).version).to.equal(2);
  });

  it('when an earlier version is opened, then it says so and offers no decisions', async () => {
    const { engagementId, path } = await scenario();
    await computeShortlist(t.app, t.adminToken, engagementId);
    await computeShortlist(t.app, t.adminToken, engagementId);

    const res = await consultant.agent.get(`${path}?version=1`);

    expect(res.status).to.equal(200);
    expect(res.text).to.contain('You are looking at an earlier version.');
    expect(res.text).not.to.contain('action="' + path + '/decisions"');
  });

  it('when a decision is posted without its CSRF token, then it is refused (403) and nothing changes', async () => {
    const { engagementId, path } = await scenario();
    const shortlist = await computeShortlist(t.app, t.adminToken, engagementId);
    const finance = cohortOf(shortlist, 'finance-contributor');

    const res = await consultant.agent.post(`${path}/decisions`).type('form').send({ version: '1', cohortId: finance.id, moduleId: finance.modules[0].moduleId, decision: 'approve' });

    expect(res.status).to.equal(403);
    expect(moduleOf(cohortOf(await latest(engagementId), finance.id), finance.modules[0].moduleId).decision).to.equal('pending');
  });
});
