import { expect } from 'chai';
import request from 'supertest';
import { SESSION_COOKIE } from '../../../src/access/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { buildTeam, csrfTokenIn, setCookie, signInWithLink } from '../../support/page-builders.ts';

describe('sign-in pages', () => {
  const db = useTestDatabase('web_sign_in');
  const env = { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' };
  let t: TestApp;

  before(() => {
    // The real clock: cookie jars drop cookies whose expiry has passed in real time.
    t = buildTestApp(db.connection, { env, overrides: { now: () => new Date() } });
  });

  describe('GET /i/:token', () => {
    it('when a participant opens their link, then a session cookie is set and they are sent (303) to their intake, without the token in the URL', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);

      const res = await request(t.app).get(`/i/${participant.token}`);

      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/me/intake');
      expect(res.headers['cache-control']).to.equal('no-store');
      const cookie = setCookie(res, SESSION_COOKIE);
      expect(cookie).to.match(/HttpOnly/).and.match(/SameSite=Lax/);
      expect(cookie).not.to.match(/Secure/);
      expect(cookie).not.to.contain(participant.token);
    });

    it('when a manager opens their link, then they land on their team\'s tasks, and their own answers are one click away', async () => {
      const { manager } = await buildTeam(t.app, t.adminToken);
      const agent = request.agent(t.app);

      const res = await agent.get(`/i/${manager.token}`);
      const team = await agent.get(res.headers.location);

      expect(res.headers.location).to.equal('/me/reports');
      expect(team.status).to.equal(200);
      expect(team.text).to.contain('<title>Your team – Tailor</title>').and.contain('href="/me/intake"').and.contain('Paul Participant');
    });

    it('when the request came over https through a trusted proxy, then the cookie is Secure', async () => {
      const proxied = buildTestApp(db.connection, { env: { ...env, TRUST_PROXY: 'true' } });
      const { participant } = await buildTeam(proxied.app, proxied.adminToken);

      const res = await request(proxied.app).get(`/i/${participant.token}`).set('X-Forwarded-Proto', 'https');

      expect(setCookie(res, SESSION_COOKIE)).to.match(/; Secure/);
    });

    it('when the link has expired, then a readable page (410) says to ask the consultant for a new link', async () => {
      const moved = buildTestApp(db.connection, { env });
      const { participant } = await buildTeam(moved.app, moved.adminToken);
      moved.clock.advanceDays(31);

      const res = await request(moved.app).get(`/i/${participant.token}`);

      expect(res.status).to.equal(410);
      expect(res.headers['content-type']).to.match(/text\/html/);
      expect(res.text).to.contain('<title>This link has expired – Tailor</title>').and.contain('ask the consultant who invited you for a new link');
      expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
    });

    it('when a link is re-issued, then the old link shows the replaced page and the session it opened ends', async () => {
      const { engagementId, participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);

      await request(t.app).post(`/api/v1/engagements/${engagementId}/people/${participant.id}/token`).set(bearer(t.adminToken)).expect(201);
      const old = await request(t.app).get(`/i/${participant.token}`);
      const page = await agent.get('/me/intake');

      expect(old.status).to.equal(410);
      expect(old.text).to.contain('This link has been replaced');
      expect(page.status).to.equal(401);
      expect(page.text).to.contain('open the personal link from your invitation e-mail again');
    });

    it('when a person opens their link again in the same browser, then a page they had open still saves (its form token stays valid)', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const openTab = await agent.get('/me/intake/pages/1');

      const again = await agent.get(`/i/${participant.token}`);
      const saved = await agent.post('/me/intake/pages/1').type('form').send({ _csrf: csrfTokenIn(openTab.text), version: '0', 'a.jobTitle': 'Typed in the first tab', action: 'back' });
      const stored = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(again.status).to.equal(303);
      expect(saved.status, saved.text).to.equal(303);
      expect(stored.body.answers).to.deep.equal({ jobTitle: 'Typed in the first tab' });
    });

    it('when someone else opens their link in a browser with a session, then that session ends and theirs starts', async () => {
      const { manager, participant } = await buildTeam(t.app, t.adminToken);
      const first = await request(t.app).get(`/i/${participant.token}`);
      const firstCookie = /tailor_session=[^;]+/.exec(setCookie(first, SESSION_COOKIE)!)![0];

      const next = await request(t.app).get(`/i/${manager.token}`).set('Cookie', firstCookie);
      const old = await request(t.app).get('/me/intake').set('Cookie', firstCookie);

      expect(next.status).to.equal(303);
      expect(setCookie(next, SESSION_COOKIE)).not.to.contain(firstCookie);
      expect(old.status).to.equal(401);
    });

    it('when one client keeps opening made-up links, then it gets 429 with Retry-After', async () => {
      const client = buildTestApp(db.connection, { env, overrides: { failedTokenLimits: { limit: 2, windowMs: 60_000 } } });
      const made = 'x'.repeat(32);

      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await request(client.app).get(`/i/${made}`)).status);
      const last = await request(client.app).get(`/i/${made}`);

      expect(statuses).to.deep.equal([404, 404, 429]);
      expect(last.status).to.equal(429);
      expect(Number(last.headers['retry-after'])).to.be.greaterThan(0);
      expect(last.text).to.contain('Too many attempts');
    });
  });

  describe('the session cookie', () => {
    it('when a session id is sent as a bearer token, then it is refused: sessions only work as cookies', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const res = await request(t.app).get(`/i/${participant.token}`);
      const sessionId = /tailor_session=([^;]+)/.exec(setCookie(res, SESSION_COOKIE)!)![1];

      const api = await request(t.app).get('/api/v1/me').set(bearer(sessionId));
      const page = await request(t.app).get('/api/v1/me').set('Cookie', `${SESSION_COOKIE}=${sessionId}`);

      expect(api.status).to.equal(401);
      expect(page.status).to.equal(200);
      expect(page.body.person.id).to.equal(participant.id);
    });
  });

  describe('POST /sign-in and /sign-out', () => {
    it('when a consultant pastes their token, then they land on their home; after signing out the old cookie opens nothing', async () => {
      const agent = request.agent(t.app);
      const form = await agent.get('/sign-in');
      const csrf = csrfTokenIn(form.text);

      const signedIn = await agent.post('/sign-in').type('form').send({ _csrf: csrf, token: t.adminToken });
      const cookie = /tailor_session=[^;]+/.exec(setCookie(signedIn, SESSION_COOKIE)!)![0];
      const home = await agent.get('/consultant');
      const signedOut = await agent.post('/sign-out').type('form').send({ _csrf: csrfTokenIn(home.text) });
      const afterwards = await request(t.app).get('/consultant').set('Cookie', cookie);

      expect(form.text).to.contain('<label for="token" class="label">Consultant token</label>');
      expect(signedIn.status).to.equal(303);
      expect(signedIn.headers.location).to.equal('/consultant');
      expect(home.status).to.equal(200);
      expect(home.text).to.contain('<title>Your engagements – Tailor</title>');
      expect(signedOut.status).to.equal(303);
      expect(signedOut.headers.location).to.equal('/signed-out');
      expect(setCookie(signedOut, SESSION_COOKIE)).to.match(/Expires=Thu, 01 Jan 1970/);
      expect(afterwards.status).to.equal(401);
    });

    it('when the token is wrong, then the form comes back with an error summary linking to the field, and the message next to it', async () => {
      const agent = request.agent(t.app);
      const csrf = csrfTokenIn((await agent.get('/sign-in')).text);

      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrf, token: 'y'.repeat(32) });

      expect(res.status).to.equal(401);
      expect(res.text).to.contain('<title>Error: Consultant sign in – Tailor</title>');
      expect(res.text).to.match(/<a href="#token"[^>]*>This token was not accepted/);
      expect(res.text).to.match(/aria-describedby="token-hint token-error"/);
      expect(res.text).to.contain('id="token-error"');
    });
  });
});
