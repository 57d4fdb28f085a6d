import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer, createEngagement } from '../../support/intake-builders.ts';
import { errorSummaryOf, signInConsultant, titleOf, type ConsultantSession } from '../../support/consultant-pages.ts';

/** A filled-in new-engagement form; `overrides` replace fields. */
function engagementForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'AI readiness 2027',
    client: 'Northwind Traders',
    departments: 'Finance\nOperations',
    timeZone: 'Europe/Berlin',
    library: 'all',
    'milestones.0.department': 'Finance',
    'milestones.0.workflow': 'Supplier invoice approval',
    'milestones.0.goLive': '2027-03-01',
    'milestones.1.department': '',
    'milestones.1.workflow': '',
    'milestones.1.goLive': '',
    ...overrides,
  };
}

describe('GET /consultant and /consultant/engagements/new', () => {
  const db = useTestDatabase('consultant_home');
  let t: TestApp;
  let consultant: ConsultantSession;

  before(async () => {
    // The real clock: cookie jars drop cookies whose expiry has passed in real time.
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
    consultant = await signInConsultant(t.app, t.adminToken);
  });

  it('when nobody is signed in, then the home answers 401 with the sign-in page\'s way back', async () => {
    const res = await request(t.app).get('/consultant');

    expect(res.status).to.equal(401);
    expect(res.text).to.contain('href="/sign-in"');
  });

  it('when the consultant has engagements, then each is listed with its progress and its name escaped, and the demo is offered', async () => {
    await createEngagement(t.app, t.adminToken, { name: '<script>alert("x")</script> & Co', client: 'Fabrikam <b>Ltd</b>' });

    const res = await consultant.agent.get('/consultant');

    expect(res.status).to.equal(200);
    expect(titleOf(res.text)).to.equal('Your engagements – Tailor');
    expect(res.text).to.contain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(res.text).to.contain('Fabrikam &lt;b&gt;Ltd&lt;/b&gt;');
    expect(res.text).not.to.contain('<script>alert');
    expect(res.text).to.contain('Nobody invited yet');
    expect(res.text).to.contain('Create a demo engagement');
  });

  it('when the form is filled in, then the engagement is opened with its milestones and the consultant lands on it', async () => {
    const res = await consultant.post('/consultant/engagements/new', engagementForm({ library: 'chosen', moduleIds: ['invoice-three-way-matching', 'month-end-variance-commentary'] }));

    expect(res.status, res.text).to.equal(303);
    expect(res.headers.location).to.match(/^\/consultant\/engagements\/[0-9a-f]{24}\?done=created$/);
    const id = /engagements\/([0-9a-f]{24})/.exec(res.headers.location)![1];
    const stored = await request(t.app).get(`/api/v1/engagements/${id}`).set(bearer(t.adminToken));
    expect(stored.body).to.deep.include({ name: 'AI readiness 2027', client: 'Northwind Traders', departments: ['Finance', 'Operations'], timeZone: 'Europe/Berlin', isDemo: false });
    expect(stored.body.moduleIds).to.deep.equal(['invoice-three-way-matching', 'month-end-variance-commentary']);
    expect(stored.body.milestones).to.deep.equal([{ department: 'Finance', workflow: 'Supplier invoice approval', goLive: '2027-03-01' }]);
    const page = await consultant.agent.get(res.headers.location);
    expect(titleOf(page.text)).to.equal('AI readiness 2027 – Tailor');
    expect(page.text).to.contain('The engagement is open.');
  });

  it('when the same form is sent twice (a double click without JavaScript, a resubmit), then one engagement is opened and both land on it', async () => {
    const form = await consultant.agent.get('/consultant/engagements/new');
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.text)?.[1];
    const fields = engagementForm({ name: 'Sent twice', formKey: formKey ?? '' });

    const [first, second] = await Promise.all([consultant.post('/consultant/engagements/new', fields), consultant.post('/consultant/engagements/new', fields)]);
    const listed = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.filter((e: { name: string }) => e.name === 'Sent twice');

    expect(formKey).to.be.a('string');
    expect([first.status, second.status]).to.deep.equal([303, 303]);
    expect(second.headers.location).to.equal(first.headers.location);
    expect(listed).to.have.length(1);
  });

  it('when a form already sent is sent again with other details (back, edit, send), then it opens nothing, links to what it opened, and keeps the details under a new key for a second engagement', async () => {
    const keyIn = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const formKey = keyIn((await consultant.agent.get('/consultant/engagements/new')).text);
    const first = await consultant.post('/consultant/engagements/new', engagementForm({ name: 'Sent first', formKey }));

    const again = await consultant.post('/consultant/engagements/new', engagementForm({ name: 'Edited and sent again', formKey }));
    const namesBetween = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.map((e: { name: string }) => e.name);
    const second = await consultant.post('/consultant/engagements/new', engagementForm({ name: 'Edited and sent again', formKey: keyIn(again.text) }));

    expect(again.status).to.equal(422);
    expect(again.text).to.contain('nothing new was opened');
    expect(again.text).to.contain(`href="${first.headers.location.split('?')[0]}"`);
    expect(again.text).to.contain('value="Edited and sent again"');
    expect(keyIn(again.text)).to.not.equal(formKey);
    expect(namesBetween).to.include('Sent first').and.not.to.include('Edited and sent again');
    expect(second.status).to.equal(303);
    expect(second.headers.location).to.not.equal(first.headers.location);
  });

  it('when fields are missing or wrong, then the form comes back (422) with an error summary linking to each field, messages beside them and the values kept', async () => {
    const res = await consultant.post('/consultant/engagements/new', engagementForm({
      name: '', client: 'Contoso <i>GmbH</i>', departments: '', library: 'chosen',
      'milestones.1.department': 'Finance', 'milestones.1.workflow': '', 'milestones.1.goLive': '2027-02-30',
    }));

    expect(res.status).to.equal(422);
    expect(titleOf(res.text)).to.equal('Error: Open a new engagement – Tailor');
    expect(errorSummaryOf(res.text)).to.deep.equal([
      '#name Enter a name for the engagement.',
      '#departments Enter at least one department, one per line.',
      '#module-choice Choose at least one training module, or use the whole library.',
      '#milestone-1-workflow Milestone 2: enter the workflow that changes.',
      '#milestone-1-goLive Milestone 2: enter the go-live date as a date, for example 2027-03-01.',
    ]);
    expect(res.text).to.match(/<p class="field-error" id="name-error">[\s\S]*Enter a name for the engagement\.<\/p>/);
    expect(res.text).to.match(/id="name" name="name" value=""[^>]*aria-describedby="name-hint name-error"[^>]*aria-invalid="true"/);
    expect(res.text).to.contain('value="Contoso &lt;i&gt;GmbH&lt;/i&gt;"');
    expect(res.text).to.contain('value="2027-02-30"');
  });

  it('when the time zone does not exist, then the engagement rules\' message is shown next to the time zone', async () => {
    const res = await consultant.post('/consultant/engagements/new', engagementForm({ timeZone: 'Mars/Olympus_Mons' }));

    expect(res.status).to.equal(422);
    expect(errorSummaryOf(res.text)).to.deep.equal(['#time-zone &quot;Mars/Olympus_Mons&quot; is not an IANA time zone name (for example Europe/Berlin).']);
    expect(res.text).to.match(/id="time-zone-error"/);
  });

  it('when "Add another milestone" is pressed without JavaScript, then the form comes back with one more row and nothing is created', async () => {
    const before = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.length;

    const res = await consultant.post('/consultant/engagements/new', engagementForm({ action: 'add-milestone' }));

    expect(res.status).to.equal(200);
    expect(res.text).to.contain('id="milestone-2-department"');
    expect(res.text).to.contain('value="Supplier invoice approval"');
    const after = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.length;
    expect(after).to.equal(before);
  });

  it('when the form is posted without its CSRF token, then it is refused (403) and nothing is created', async () => {
    const before = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.length;

    const res = await consultant.agent.post('/consultant/engagements/new').type('form').send(engagementForm());

    expect(res.status).to.equal(403);
    expect(res.text).to.contain('did not come from Tailor');
    const after = (await request(t.app).get('/api/v1/engagements').set(bearer(t.adminToken))).body.engagements.length;
    expect(after).to.equal(before);
  });
});
