import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { NotFoundError } from '../../../src/platform/errors.ts';
import { errorSummaryOf, signInConsultant, titleOf, type ConsultantSession } from '../../support/consultant-pages.ts';

describe('GET /consultant/engagements/:engagementId and the roster forms', () => {
  const db = useTestDatabase('consultant_engagement');
  let t: TestApp;
  let consultant: ConsultantSession;

  before(async () => {
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
    consultant = await signInConsultant(t.app, t.adminToken);
  });

  /** The roster as the API lists it: what the page added, or did not. */
  async function rosterOf(engagementId: string): Promise<Array<{ id: string; email: string }>> {
    return (await request(t.app).get(`/api/v1/engagements/${engagementId}/people`).set(bearer(t.adminToken))).body.people;
  }

  async function engagementWithPeople() {
    const engagement = await createEngagement(t.app, t.adminToken, { name: 'Readiness <b>2027</b>', departments: ['Finance', 'Operations'] });
    const people = await addPeople(t.app, t.adminToken, engagement.id, [
      buildPersonInput({ name: 'Ana <img src=x onerror=alert(1)>', department: 'Finance' }),
      buildPersonInput({ department: 'Finance' }),
      buildPersonInput({ department: 'Operations' }),
    ]);
    return { id: engagement.id, path: `/consultant/engagements/${engagement.id}`, people };
  }

  it('when opened, then completion is drawn as a bar per stage and department with its number and a sentence, and the roster escapes names', async () => {
    const { path } = await engagementWithPeople();

    const res = await consultant.agent.get(path);

    expect(res.status).to.equal(200);
    expect(titleOf(res.text)).to.equal('Readiness &lt;b&gt;2027&lt;/b&gt; – Tailor');
    expect(res.text).to.contain('Finance: 2 invited, 0 started, 0 submitted, 0 confirmed by their manager.');
    expect(res.text).to.contain('All departments: 3 invited, 0 started, 0 submitted, 0 confirmed by their manager.');
    expect(res.text).to.match(/<rect class="bar__fill bar__fill--invited" width="100" height="10"\/>/);
    expect(res.text).to.match(/<rect class="bar__fill bar__fill--submitted" width="0" height="10"\/>/);
    expect(res.text).to.contain('Ana &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(res.text).not.to.contain('<img src=x');
    expect(res.text).to.contain('/export?format&#x3D;csv&amp;part&#x3D;tasks');
  });

  it('when a CSV export is downloaded from the page, then it starts with a byte-order mark, so a spreadsheet reads accented names; the API gives one only when asked', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput({ name: 'Tomás Núñez' })]);
    const page = (await consultant.agent.get(`/consultant/engagements/${engagement.id}`)).text;
    const links = [...page.matchAll(/href="([^"]*format&#x3D;csv[^"]*)"/g)].map((m) => m[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));

    const downloads = await Promise.all(links.map((link) => consultant.agent.get(link)));
    const plain = await request(t.app).get(`/api/v1/engagements/${engagement.id}/export?format=csv&part=tasks`).set(bearer(t.adminToken));

    expect(links).to.have.length(2);
    for (const download of downloads) {
      expect(download.status).to.equal(200);
      expect(download.text.startsWith('\uFEFFperson'), download.text.slice(0, 20)).to.equal(true);
    }
    expect(plain.text.startsWith('person'), plain.text.slice(0, 20)).to.equal(true);
  });

  it('when the roster is long, then it is shown 50 at a time, filtered by words, department and stage, with the filter kept from page to page', async () => {
    const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'] });
    const people = Array.from({ length: 120 }, (_, i) => buildPersonInput({ name: `Person ${String(i).padStart(3, '0')}`, email: `p${i}@northwind.test`, department: i % 3 === 0 ? 'Operations' : 'Finance' }));
    await addPeople(t.app, t.adminToken, engagement.id, people);
    const path = `/consultant/engagements/${engagement.id}`;
    const rowsOf = (html: string) => [...html.matchAll(/<th scope="row">([^<]+)<br>/g)].map((m) => m[1]);

    const first = await consultant.agent.get(path);
    const third = await consultant.agent.get(`${path}?page=3`);
    const operations = await consultant.agent.get(`${path}?department=Operations&stage=invited&page=1`);
    const operationsLast = await consultant.agent.get(`${path}?department=Operations&page=9`);
    const finance = await consultant.agent.get(`${path}?department=Finance`);
    const searched = await consultant.agent.get(`${path}?q=${encodeURIComponent('person 11')}`);
    const hostile = await consultant.agent.get(`${path}?q=${encodeURIComponent('"><script>alert(1)</script>')}&department[$ne]=x&page=abc`);

    expect(rowsOf(first.text)).to.have.length(50);
    expect(rowsOf(first.text)[0]).to.equal('Person 000');
    expect(first.text).to.contain('Page 1 of 3').and.to.contain('1–50 shown');
    expect(rowsOf(third.text)).to.deep.equal(people.slice(100).map((p) => p.name));
    expect(rowsOf(operations.text)).to.have.length(40);
    expect(operations.text).to.contain('40 of 120 people match');
    expect(operations.text).to.not.contain('Page 1 of');
    expect(rowsOf(operationsLast.text)).to.have.length(40);
    expect(rowsOf(searched.text)).to.deep.equal(['Person 011', 'Person 110', 'Person 111', 'Person 112', 'Person 113', 'Person 114', 'Person 115', 'Person 116', 'Person 117', 'Person 118', 'Person 119']);
    expect(first.text).to.match(/href="[^"]*\?page&#x3D;2#people-heading"/);
    expect(finance.text).to.contain('Page 1 of 2').and.to.match(/href="[^"]*\?department&#x3D;Finance&amp;page&#x3D;2#people-heading"/);
    expect(hostile.status).to.equal(200);
    expect(hostile.text).to.not.contain('<script>alert(1)');
    expect(hostile.text).to.contain('Nobody on the roster matches.');
  });

  it('when the add-a-person form suggests managers, then it offers people who manage others or hold a manager or leader role, not everyone', async () => {
    const engagement = await createEngagement(t.app, t.adminToken, { departments: ['Finance', 'Operations'] });
    await addPeople(t.app, t.adminToken, engagement.id, [
      buildPersonInput({ email: 'lead@northwind.test', roleLevel: 'contributor' }),
      buildPersonInput({ email: 'report@northwind.test', managerEmail: 'lead@northwind.test' }),
      buildPersonInput({ email: 'head@northwind.test', roleLevel: 'leader' }),
    ]);

    const page = await consultant.agent.get(`/consultant/engagements/${engagement.id}`);

    const suggested = [...(/<datalist id="roster-emails">(.*?)<\/datalist>/s.exec(page.text)?.[1] ?? '').matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    expect(suggested.sort()).to.deep.equal(['head@northwind.test', 'lead@northwind.test']);
  });

  it('when a person is added with the form, then their personal link is shown once and they are on the roster', async () => {
    const { id, path } = await engagementWithPeople();

    const res = await consultant.post(`${path}/people`, { name: 'Omar Okafor', email: 'Omar.Okafor@northwind.test', department: 'Operations', roleLevel: 'manager', managerEmail: '' });

    expect(res.status).to.equal(200);
    expect(res.text).to.contain('1 added and invited.');
    const link = /value="(http:\/\/tailor\.test\/i\/[A-Za-z0-9_-]{32})"/.exec(res.text);
    expect(link, 'the new link on the page').to.not.equal(null);
    const roster = await rosterOf(id);
    expect(roster.map((p: { email: string }) => p.email)).to.include('omar.okafor@northwind.test');
    const again = await consultant.agent.get(path);
    expect(again.text).not.to.contain(link![1]);
  });

  it('when the person form is wrong, then it comes back (422) with the problems beside the fields and nobody is added', async () => {
    const { id, path } = await engagementWithPeople();

    const res = await consultant.post(`${path}/people`, { name: '', email: 'not-an-email', department: 'Marketing', roleLevel: 'contributor', managerEmail: '' });

    expect(res.status).to.equal(422);
    expect(errorSummaryOf(res.text)).to.deep.equal([
      '#person-name Enter the person&#x27;s name.',
      '#person-email Enter an e-mail address such as ana@example.org.',
      '#person-department Choose one of the engagement&#x27;s departments.',
    ]);
    expect(res.text).to.match(/id="person-email"[^>]*value="not-an-email"[^>]*aria-invalid="true"/);
    const roster = await rosterOf(id);
    expect(roster).to.have.length(3);
  });

  it('when the form names an e-mail address the roster API refuses, then it comes back (422) with the message beside the field and nobody is added', async () => {
    const { id, path } = await engagementWithPeople();

    const res = await consultant.post(`${path}/people`, { name: 'Odd Address', email: 'ana<bob@evil.test>', department: 'Finance', roleLevel: 'contributor', managerEmail: 'boss@exa_mple.test' });

    expect(res.status).to.equal(422);
    expect(errorSummaryOf(res.text)).to.deep.equal([
      '#person-email Enter an e-mail address such as ana@example.org.',
      '#person-manager Enter the manager&#x27;s e-mail address, or leave it empty.',
    ]);
    expect(res.text).to.match(/id="person-email"[^>]*value="ana&lt;bob@evil.test&gt;"/);
    const roster = await rosterOf(id);
    expect(roster).to.have.length(3);
  });

  it('when a roster CSV is uploaded, then everyone on it is added with their links; a bad file lists its lines and adds nobody', async () => {
    const { id, path } = await engagementWithPeople();
    const good = 'name,email,department,roleLevel,managerEmail\nLi Wei,li.wei@northwind.test,Finance,contributor,\nSara Lund,sara.lund@northwind.test,Operations,manager,\n';
    const bad = 'name,email,department,roleLevel,managerEmail\nBo Berg,bo.berg@northwind.test,Finance,intern,\nEve Ek,eve.ek@northwind.test,Legal,contributor,\n';

    const added = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', Buffer.from(good), 'roster.csv');
    const refused = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', Buffer.from(bad), 'roster.csv');
    const empty = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf);

    expect(added.status).to.equal(200);
    expect(added.text).to.contain('2 added and invited.');
    expect(added.text.match(/value="http:\/\/tailor\.test\/i\//g)).to.have.length(2);
    expect(refused.status).to.equal(422);
    expect(errorSummaryOf(refused.text).join('\n')).to.contain('Line 2: roleLevel');
    expect(empty.status).to.equal(422);
    expect(errorSummaryOf(empty.text)).to.deep.equal(['#roster-file Choose a CSV file to upload.']);
    const roster = await rosterOf(id);
    expect(roster.map((p: { email: string }) => p.email)).to.include.members(['li.wei@northwind.test', 'sara.lund@northwind.test']).and.not.include('bo.berg@northwind.test');
  });

  it('when the same roster CSV is uploaded again, then the page says everyone was already on it as sent, not that they were updated', async () => {
    const { path } = await engagementWithPeople();
    const csv = Buffer.from('name,email,department,roleLevel,managerEmail\nLi Wei,li.wei.again@northwind.test,Finance,contributor,\nSara Lund,sara.lund.again@northwind.test,Operations,manager,\n');
    await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', csv, 'roster.csv');

    const again = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', csv, 'roster.csv');

    expect(again.status).to.equal(200);
    expect(again.text).to.contain('2 already on the roster as sent, left as they were.');
    expect(again.text).not.to.contain('already on the roster updated');
  });

  it('when the roster CSV is larger than 1 MB, then the page says how to split it and links back to the engagement, and nobody is added', async () => {
    const { id, path } = await engagementWithPeople();
    const rows = Array.from({ length: 20_000 }, (_, i) => `Person ${i},person.${i}@northwind.test,Finance,contributor,`);
    const large = Buffer.from(['name,email,department,roleLevel,managerEmail', ...rows].join('\n'));

    const res = await consultant.agent.post(`${path}/people/upload`).set('Host', 'tailor.test').set('Referer', `http://tailor.test${path}`).field('_csrf', consultant.csrf).attach('roster', large, 'roster.csv');

    expect(res.status).to.equal(413);
    expect(res.text).to.contain('split it into smaller files');
    expect(res.text).to.contain(`href="${path}"`);
    expect((await rosterOf(id)).map((p) => p.email)).not.to.include('person.0@northwind.test');
  });

  it('when the roster CSV is not UTF-8 (a spreadsheet saved as Windows-1252), then it is refused (422) with how to save it, and nobody is added with a garbled name', async () => {
    const { id, path } = await engagementWithPeople();
    const latin1 = Buffer.from('name,email,department,roleLevel,managerEmail\nRen\u00e9 Dub\u00e9,rene.dube@northwind.test,Finance,contributor,\n', 'latin1');

    const res = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', latin1, 'roster.csv');

    expect(res.status).to.equal(422);
    expect(errorSummaryOf(res.text)).to.deep.equal(['#roster-file The file is not UTF-8 text, so its names would be garbled. Save it as &quot;CSV UTF-8&quot; and upload it again.']);
    const roster = await rosterOf(id);
    expect(roster.map((p: { email: string }) => p.email)).not.to.include('rene.dube@northwind.test');
  });

  it('when a refused person or file cannot be shown again because the engagement went away meanwhile, then the form gets the 404 page instead of no answer', async () => {
    const { path } = await engagementWithPeople();
    const engagements = t.components.engagements;
    const original = engagements.getRosterAndStatus;
    // The engagement disappears between the refusal and drawing the page again (a demo removed in another tab).
    engagements.getRosterAndStatus = async () => { throw new NotFoundError('No such engagement.', 'engagement-not-found'); };

    try {
      const person = await consultant.agent.post(`${path}/people`).type('form').send({ _csrf: consultant.csrf, name: 'Self', email: 'self@northwind.test', department: 'Finance', roleLevel: 'contributor', managerEmail: 'self@northwind.test' }).timeout(5000);
      const file = await consultant.agent.post(`${path}/people/upload`).field('_csrf', consultant.csrf).attach('roster', Buffer.from('name,email\n'), 'roster.csv').timeout(5000);

      expect([person.status, file.status]).to.deep.equal([404, 404]);
      expect(person.text).to.contain('Page not found');
    } finally {
      engagements.getRosterAndStatus = original;
    }
  });

  it('when a new link is issued, then it is shown once and the old link stops working', async () => {
    const { path, people } = await engagementWithPeople();

    const res = await consultant.post(`${path}/people/${people[1].id}/link`);

    expect(res.status).to.equal(200);
    expect(res.text).to.contain('has a new personal link');
    const fresh = /value="http:\/\/tailor\.test\/i\/([A-Za-z0-9_-]{32})"/.exec(res.text)![1];
    expect((await request(t.app).get('/api/v1/me').set(bearer(people[1].token))).status).to.equal(401);
    expect((await request(t.app).get('/api/v1/me').set(bearer(fresh))).status).to.equal(200);
  });

  it('when a person is erased, then a confirmation page comes first, and after it they are gone while the counts keep them', async () => {
    const { id, path, people } = await engagementWithPeople();

    const confirm = await consultant.agent.get(`${path}/people/${people[0].id}/erase`);
    const erased = await consultant.post(`${path}/people/${people[0].id}/erase`);

    expect(confirm.status).to.equal(200);
    expect(titleOf(confirm.text)).to.contain('Erase Ana &lt;img');
    expect(confirm.text).to.contain('It cannot be undone.');
    expect(erased.status).to.equal(303);
    expect(erased.headers.location).to.equal(`${path}?done=erased`);
    const roster = await rosterOf(id);
    expect(roster.map((p: { id: string }) => p.id)).not.to.include(people[0].id);
    const page = await consultant.agent.get(erased.headers.location);
    expect(page.text).to.contain('The person was erased');
    expect(page.text).to.contain('Finance: 2 invited');
  });

  it('when an erasure is sent again (a double click, or Back to the confirmation), then it ends on the overview saying they are no longer on the roster, not on a 404 page', async () => {
    const { path, people } = await engagementWithPeople();
    await consultant.post(`${path}/people/${people[0].id}/erase`);

    const again = await consultant.post(`${path}/people/${people[0].id}/erase`);
    const confirmAgain = await consultant.agent.get(`${path}/people/${people[0].id}/erase`);

    expect(again.status).to.equal(303);
    expect(again.headers.location).to.equal(`${path}?done=not-on-roster`);
    expect(confirmAgain.status).to.equal(303);
    expect(confirmAgain.headers.location).to.equal(`${path}?done=not-on-roster`);
    const page = await consultant.agent.get(again.headers.location);
    expect(page.text).to.contain('That person is no longer on the roster');
  });

  it('when the address a form left in the address bar is opened again (a restored tab, a copied address), then it leads to the form\'s page instead of a 404', async () => {
    const { path, people } = await engagementWithPeople();
    const formAddresses = {
      '/people': '', '/people/upload': '', [`/people/${people[0].id}/link`]: '',
      '/shortlist/compute': '/shortlist', '/shortlist/decisions': '/shortlist', '/shortlist/pin': '/shortlist', '/shortlist/approve': '/shortlist',
      '/curriculum/generate': '/curriculum', '/curriculum/publish': '/curriculum',
    };

    const opened = await Promise.all(Object.keys(formAddresses).map(async (sub) => consultant.agent.get(`${path}${sub}`)));

    expect(opened.map((res) => `${res.status} ${res.headers.location}`)).to.deep.equal(Object.values(formAddresses).map((page) => `303 ${path}${page}`));
  });

  it('when a roster form is posted without its CSRF token, then it is refused (403) and nobody is added or erased', async () => {
    const { id, path, people } = await engagementWithPeople();

    const add = await consultant.agent.post(`${path}/people`).type('form').send({ name: 'X', email: 'x@northwind.test', department: 'Finance', roleLevel: 'contributor' });
    const erase = await consultant.agent.post(`${path}/people/${people[0].id}/erase`).type('form').send({});

    expect([add.status, erase.status]).to.deep.equal([403, 403]);
    const roster = await rosterOf(id);
    expect(roster).to.have.length(3);
  });

  it('when another consultant opens any page or form of this engagement, then it is the 404 page', async () => {
    const { path, people } = await engagementWithPeople();
    const other = await signInConsultant(t.app, (await addConsultant(t.app, t.adminToken)).token);

    const gets = await Promise.all(['', '/shortlist', '/curriculum', '/outbox', `/people/${people[0].id}/erase`, '/remove'].map((p) => other.agent.get(path + p)));
    const posts = await Promise.all([`/people/${people[0].id}/erase`, '/people', '/shortlist/compute', '/curriculum/generate', '/remove'].map((p) => other.post(path + p)));

    expect(gets.map((r) => r.status)).to.deep.equal([404, 404, 404, 404, 404, 404]);
    expect(posts.map((r) => r.status)).to.deep.equal([404, 404, 404, 404, 404]);
    expect(gets[0].text).to.contain('Page not found');
  });
});
