import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { DEMO_PEOPLE } from '../../../src/demo/index.ts';
import { OutboxWorker, type MailTransport } from '../../../src/mail/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addConsultant, addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';
import { signInConsultant, titleOf, type ConsultantSession } from '../../support/consultant-pages.ts';

const env = { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' };

describe('POST /consultant/demo and POST /consultant/engagements/:engagementId/remove (the demo engagement)', () => {
  const db = useTestDatabase('demo_engagement');
  let t: TestApp;
  // A consultant has at most one demo, so each test gets its own consultant.
  let consultant: ConsultantSession;
  let token: string;

  before(() => {
    t = buildTestApp(db.connection, { env, overrides: { now: () => new Date() } });
  });

  beforeEach(async () => {
    token = (await addConsultant(t.app, t.adminToken)).token;
    consultant = await signInConsultant(t.app, token);
  });

  /** How many documents of any collection still belong to the engagement (by `engagementId`, or as the engagement itself). */
  async function leftOf(engagementId: string): Promise<Record<string, number>> {
    const database = db.connection.db!;
    const oid = new Types.ObjectId(engagementId);
    const counts: Record<string, number> = {};
    for (const { name } of await database.listCollections().toArray()) {
      const count = await database.collection<Record<string, unknown>>(name).countDocuments({ $or: [{ engagementId: { $in: [oid, engagementId] } }, { _id: oid }] });
      if (count > 0) counts[name] = count;
    }
    return counts;
  }

  async function createDemo(session = consultant): Promise<{ id: string; path: string }> {
    const res = await session.post('/consultant/demo');
    expect(res.status, res.text).to.equal(303);
    const id = /engagements\/([0-9a-f]{24})\?done=demo-created$/.exec(res.headers.location)![1];
    return { id, path: `/consultant/engagements/${id}` };
  }

  it('when created from the home page, then its shortlist (with gaps) and a drafted curriculum can be seen at once, everything says Demo, and its people have .invalid addresses', async () => {
    const { id, path } = await createDemo();

    const [overview, home, shortlist, curriculum, api] = await Promise.all([
      consultant.agent.get(`${path}?done=demo-created`), consultant.agent.get('/consultant'), consultant.agent.get(`${path}/shortlist`),
      consultant.agent.get(`${path}/curriculum`), request(t.app).get(`/api/v1/engagements/${id}`).set(bearer(token)),
    ]);

    expect(titleOf(overview.text)).to.equal('AI readiness programme (demo) – Tailor');
    expect(overview.text).to.contain('The demo engagement is ready');
    expect(overview.text).to.match(/<h1>AI readiness programme \(demo\) <span class="badge badge--demo"/);
    expect(overview.text).to.contain('Finance: 4 invited, 4 started, 4 submitted, 3 confirmed by their manager.');
    expect(home.text).to.match(/AI readiness programme \(demo\)<\/a> <span class="badge badge--demo"/);
    expect(home.text).not.to.contain('Create a demo engagement');
    expect(shortlist.text).to.contain('Version 1 (the latest)');
    expect(shortlist.text).to.contain('<span class="tag tag--approved">Approved</span>');
    expect(shortlist.text).to.contain('Invoice processing and three-way matching');
    expect(shortlist.text).to.contain('Customer e-mail triage and reply drafting');
    expect(shortlist.text).to.match(/Gaps: reported work no training module covers<\/h3>\s*<ul class="gap-list">/);
    expect(shortlist.text).to.contain('Reconcile the intercompany balances with our Irish subsidiary');
    expect(curriculum.text).to.contain('Version 1, planned on');
    expect(curriculum.text).to.match(/<div class="session session--opening/);
    expect(curriculum.text).to.match(/<div class="session session--training/);
    expect(api.body.isDemo).to.equal(true);
    const roster = await request(t.app).get(`/api/v1/engagements/${id}/people`).set(bearer(token));
    expect(roster.body.people).to.have.length(DEMO_PEOPLE.length);
    expect(roster.body.people.every((p: { email: string }) => p.email.endsWith('.invalid'))).to.equal(true);
  });

  it('when "Create a demo engagement" is posted twice at once (a double click), then one demo is made and both requests land on it', async () => {
    const [first, second] = await Promise.all([consultant.post('/consultant/demo'), consultant.post('/consultant/demo')]);

    const engagements = (await request(t.app).get('/api/v1/engagements').set(bearer(token))).body.engagements as Array<{ id: string; isDemo: boolean }>;
    expect(engagements.filter((e) => e.isDemo)).to.have.length(1);
    expect(engagements).to.have.length(1);
    const path = `/consultant/engagements/${engagements[0].id}`;
    expect([first.status, second.status]).to.deep.equal([303, 303]);
    expect([first.headers.location, second.headers.location].sort()).to.deep.equal([`${path}?done=demo-created`, `${path}?done=demo-exists`]);
    const roster = await request(t.app).get(`/api/v1/engagements/${engagements[0].id}/people`).set(bearer(token));
    expect(roster.body.people).to.have.length(DEMO_PEOPLE.length);
    expect((await consultant.agent.get('/consultant')).text).to.match(/AI readiness programme \(demo\)<\/a> <span class="badge badge--demo"/);
  });

  it('when a consultant who has a demo posts "Create a demo engagement" again (a resubmit), then they land on that demo with a notice and nothing new is made', async () => {
    const { id, path } = await createDemo();

    const again = await consultant.post('/consultant/demo');
    const page = await consultant.agent.get(again.headers.location);

    expect(again.status).to.equal(303);
    expect(again.headers.location).to.equal(`${path}?done=demo-exists`);
    expect(page.text).to.contain('You already have a demo engagement');
    const engagements = (await request(t.app).get('/api/v1/engagements').set(bearer(token))).body.engagements as Array<{ id: string }>;
    expect(engagements.map((e) => e.id)).to.deep.equal([id]);
  });

  it('when the outbox worker runs, then none of the demo\'s mail is sent: the outbox lists it as never sent', async () => {
    const { id, path } = await createDemo();
    const sent: string[] = [];
    const transport: MailTransport = { name: 'smtp', send: async (mail) => { sent.push(mail.to.email); return { note: '250 OK' }; }, close: () => {} };
    const worker = new OutboxWorker({ connection: db.connection, transport, logger: silentLogger, owner: 'demo-test' });

    await worker.drain();
    await worker.stop();
    const outbox = await request(t.app).get(`/api/v1/engagements/${id}/outbox`).set(bearer(token));
    const page = await consultant.agent.get(`${path}/outbox`);

    expect(sent).to.deep.equal([]);
    expect(outbox.body.mails.length).to.be.greaterThan(DEMO_PEOPLE.length);
    expect(new Set(outbox.body.mails.map((m: { state: string }) => m.state))).to.deep.equal(new Set(['withheld']));
    expect(page.text).to.contain('Demo: never sent');
  });

  it('when removed after its confirmation page, then nothing of it is left in any collection, other engagements are untouched, and a new demo can be made', async () => {
    const real = await createEngagement(t.app, token, { departments: ['Finance'] });
    await addPeople(t.app, token, real.id, [buildPersonInput({ department: 'Finance' })]);
    const before = await leftOf(real.id);
    const { id, path } = await createDemo();
    // A demo person signed in on some browser: their session must go too.
    const link = await consultant.post(`${path}/people/${(await request(t.app).get(`/api/v1/engagements/${id}/people`).set(bearer(token))).body.people[1].id}/link`);
    await request(t.app).get(`/i/${/\/i\/([A-Za-z0-9_-]{32})/.exec(link.text)![1]}`);
    expect(Object.keys(await leftOf(id))).to.include.members(['engagements', 'people', 'intakes', 'tasks', 'intake_audit', 'shortlists', 'curricula', 'outbox', 'credentials']);

    const confirm = await consultant.agent.get(`${path}/remove`);
    const removed = await consultant.post(`${path}/remove`);
    const home = await consultant.agent.get(removed.headers.location);

    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('This removes the demo engagement and everything in it');
    expect(removed.status).to.equal(303);
    expect(removed.headers.location).to.equal('/consultant?done=demo-removed');
    expect(await leftOf(id)).to.deep.equal({});
    expect(await leftOf(real.id)).to.deep.equal(before);
    expect(home.text).to.contain('have been removed');
    expect((await consultant.agent.get(path)).status).to.equal(404);
    expect((await consultant.post('/consultant/demo')).headers.location).to.match(/\?done=demo-created$/);
  });

  it('when a real engagement, or another consultant\'s demo, is to be removed, then it is 404 and stays', async () => {
    const real = await createEngagement(t.app, token, { departments: ['Finance'] });
    const { id } = await createDemo();
    const other = await signInConsultant(t.app, (await addConsultant(t.app, t.adminToken)).token);

    const realPage = await consultant.agent.get(`/consultant/engagements/${real.id}/remove`);
    const realPost = await consultant.post(`/consultant/engagements/${real.id}/remove`);
    const othersPost = await other.post(`/consultant/engagements/${id}/remove`);

    expect([realPage.status, realPost.status, othersPost.status]).to.deep.equal([404, 404, 404]);
    expect((await request(t.app).get(`/api/v1/engagements/${real.id}`).set(bearer(token))).status).to.equal(200);
    expect((await request(t.app).get(`/api/v1/engagements/${id}`).set(bearer(token))).status).to.equal(200);
  });

  it('when a step of the demo fails half-way, then what was made is removed again and the consultant sees the error page', async () => {
    const failing = buildTestApp(db.connection, {
      env,
      overrides: { now: () => new Date(), hooks: { onReportReviewed: async () => { throw new Error('the review hook broke'); } } },
    });
    const session = await signInConsultant(failing.app, failing.adminToken);
    const database = db.connection.db!;
    const count = async () => ({
      engagements: await database.collection('engagements').countDocuments({}),
      people: await database.collection('people').countDocuments({}),
      rosterFences: await database.collection('roster_fences').countDocuments({}),
      intakes: await database.collection('intakes').countDocuments({}),
      tasks: await database.collection('tasks').countDocuments({}),
      audit: await database.collection('intake_audit').countDocuments({}),
      outbox: await database.collection('outbox').countDocuments({}),
      credentials: await database.collection('credentials').countDocuments({ engagementId: { $exists: true } }),
    });
    const before = await count();

    const res = await session.post('/consultant/demo');

    expect(res.status).to.equal(500);
    expect(res.text).to.contain('Something went wrong on our side');
    expect(await count()).to.deep.equal(before);
  });
});
