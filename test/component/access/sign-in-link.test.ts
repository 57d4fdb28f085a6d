import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { ensureFirstConsultant, FIRST_CONSULTANT_ID, SESSION_COOKIE } from '../../../src/access/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { csrfTokenIn, setCookie } from '../../support/page-builders.ts';

/** Opens a sign-in link as a browser would: the page, then its button. */
async function followLink(t: TestApp, path: string, agent = request.agent(t.app)) {
  const page = await agent.get(path);
  const token = path.split('/').pop()!;
  const submit = page.status === 200 ? await agent.post('/sign-in/link').type('form').send({ _csrf: csrfTokenIn(page.text), token }) : undefined;
  return { agent, page, submit };
}

describe('GET /sign-in/link/:token and POST /sign-in/link (one-time sign-in links)', () => {
  const db = useTestDatabase('access_sign_in_link');
  const env = { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' };
  let offsetMs = 0;
  // The real clock, movable: cookie jars drop cookies whose expiry has passed in real time.
  const now = () => new Date(Date.now() + offsetMs);
  let t: TestApp;

  before(async () => {
    t = buildTestApp(db.connection, { env, overrides: { now } });
    await ensureFirstConsultant(db.connection, t.adminToken);
  });

  afterEach(() => {
    offsetMs = 0;
  });

  it('when the administrator opens a fresh link, then a page offers the sign-in, and its button signs them in and lands on their home', async () => {
    const link = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);

    const { agent, page, submit } = await followLink(t, link.path);
    const home = await agent.get(submit!.headers.location);

    expect(page.status).to.equal(200);
    expect(page.text).to.contain('<title>Sign in to Tailor – Tailor</title>');
    expect(page.text).to.contain('Sign in as Administrator');
    expect(page.headers['cache-control']).to.equal('no-store');
    expect(submit!.status).to.equal(303);
    expect(submit!.headers.location).to.equal('/consultant');
    expect(setCookie(submit!, SESSION_COOKIE)).to.match(/HttpOnly/);
    expect(home.status).to.equal(200);
  });

  it('when a consultant already signed in opens a new link in the same browser, then a page they had open still works (its form token stays valid)', async () => {
    const { agent } = await followLink(t, (await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID)).path);
    const openTab = await agent.get('/consultant');

    const again = await followLink(t, (await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID)).path, agent);
    const signOut = await agent.post('/sign-out').type('form').send({ _csrf: csrfTokenIn(openTab.text) });

    expect(again.submit!.status).to.equal(303);
    expect(signOut.status, signOut.text).to.equal(303);
    expect(signOut.headers.location).to.equal('/signed-out');
  });

  it('when a link has been used, then opening or posting it again is refused (410) and signs nobody in', async () => {
    const link = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    await followLink(t, link.path);

    const again = await followLink(t, link.path);
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in');
    const replay = await agent.post('/sign-in/link').type('form').send({ _csrf: csrfTokenIn(form.text), token: link.token });

    expect(again.page.status).to.equal(410);
    expect(again.page.text).to.contain('This sign-in link has been used');
    expect(replay.status).to.equal(410);
    expect(setCookie(replay, SESSION_COOKIE)).to.equal(undefined);
  });

  it('when only the page is opened (a link previewer), then the link is not spent', async () => {
    const link = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    await request(t.app).get(link.path);
    await request(t.app).get(link.path);

    const { submit } = await followLink(t, link.path);

    expect(submit!.status).to.equal(303);
  });

  it(`when more than the link's 15 minutes have passed, then it is refused as expired (410); a minute before, it works`, async () => {
    const early = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);
    const late = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);

    offsetMs = 14 * 60_000;
    const inTime = await followLink(t, early.path);
    offsetMs = 15 * 60_000 + 1000;
    const tooLate = await followLink(t, late.path);

    expect(inTime.submit!.status).to.equal(303);
    expect(tooLate.page.status).to.equal(410);
    expect(tooLate.page.text).to.contain('This sign-in link has expired');
  });

  it('when a made-up link is opened, then it answers 404 with a way to sign in', async () => {
    const res = await request(t.app).get('/sign-in/link/' + 'x'.repeat(32));

    expect(res.status).to.equal(404);
    expect(res.text).to.contain('This sign-in link is not valid');
    expect(res.text).to.contain('href="/sign-in"');
  });

  it('when the link secret is sent to the API as a bearer token, then it is refused (401): links are for the sign-in page only', async () => {
    const link = await t.components.access.issueSignInLink(FIRST_CONSULTANT_ID);

    const api = await request(t.app).get('/api/v1/engagements').set(bearer(link.token));
    const { submit } = await followLink(t, link.path);

    expect(api.status).to.equal(401);
    expect(submit!.status).to.equal(303);
  });

  it('when a link is opened and used, then the JSON request log never holds its secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } });
    const logged = buildTestApp(db.connection, { env, overrides: { now, logger: pino({ level: 'info' }, sink) } });
    const link = await logged.components.access.issueSignInLink(FIRST_CONSULTANT_ID);

    const { submit } = await followLink(logged, link.path);

    expect(submit!.status).to.equal(303);
    const log = lines.join('');
    expect(log).to.contain('/sign-in/link/[token]');
    expect(log).not.to.contain(link.token);
  });
});
