import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';
import { buildTeam, csrfTokenIn, setCookie, signInWithLink } from '../../support/page-builders.ts';

describe('the page shell', () => {
  const db = useTestDatabase('web_shell');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
  });

  describe('CSRF protection', () => {
    it('when a form is posted without its token, then answers 403 with a readable page and saves nothing', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      await agent.get('/me/intake/pages/1');

      const res = await agent.post('/me/intake/pages/1').type('form').send({ 'a.jobTitle': 'Forged', version: '0', action: 'next' });
      const intake = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(403);
      expect(res.headers['content-type']).to.match(/text\/html/);
      expect(res.text).to.contain('nothing was saved');
      expect(intake.body.answers).to.deep.equal({});
    });

    it('when a page left open is saved after its person signed out, then the page says nothing was saved, to copy what was typed, and how to get back in', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const openTab = csrfTokenIn((await agent.get('/me/intake/pages/1')).text);
      await agent.post('/sign-out').type('form').send({ _csrf: csrfTokenIn((await agent.get('/me/intake')).text) });

      const res = await agent.post('/me/intake/pages/1').type('form').send({ _csrf: openTab, 'a.jobTitle': 'Typed before the sign-out', version: '0', action: 'next' });

      expect(res.status).to.equal(403);
      expect(res.text).to.contain('<h1>This form could not be saved</h1>');
      expect(res.text).to.contain('copy what you typed');
      expect(res.text).to.contain('How to get back in');
    });

    it('when a token and cookie pair from another session is planted, then it is refused: tokens are bound to the session', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const other = await buildTeam(t.app, t.adminToken);
      const attacker = await signInWithLink(t.app, other.participant.token);
      const stolen = csrfTokenIn((await attacker.get('/me/intake/pages/1')).text);
      const victimSession = /tailor_session=[^;]+/.exec(setCookie(await request(t.app).get(`/i/${participant.token}`), 'tailor_session')!)![0];

      const res = await request(t.app).post('/me/intake/pages/1').set('Cookie', `${victimSession}; tailor_csrf=${stolen}`).type('form')
        .send({ _csrf: stolen, 'a.jobTitle': 'Forged', version: '0', action: 'next' });

      expect(res.status).to.equal(403);
    });

    it('when the page\'s own token is sent, then the form is saved', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);
      const csrf = csrfTokenIn((await agent.get('/me/intake/pages/1')).text);

      const res = await agent.post('/me/intake/pages/1').type('form').send({ _csrf: csrf, 'a.jobTitle': 'Accounts payable clerk', version: '0', action: 'back' });
      const intake = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(res.status).to.equal(303);
      expect(intake.body.answers).to.deep.equal({ jobTitle: 'Accounts payable clerk' });
    });

    it('when an API call rides on the session cookie without the CSRF header, then it is refused; with a bearer token it needs none', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);

      const byCookie = await agent.put('/api/v1/me/intake').send({ answers: { jobTitle: 'Forged' }, version: 0 });
      const byBearer = await request(t.app).put('/api/v1/me/intake').set(bearer(participant.token)).send({ answers: { jobTitle: 'Clerk' }, version: 0 });

      expect(byCookie.status).to.equal(403);
      expect(byCookie.headers['content-type']).to.match(/application\/problem\+json/);
      expect(byCookie.body.code).to.equal('csrf-invalid');
      expect(byBearer.status).to.equal(200);
    });

    it('when an API call rides on the session cookie with an Authorization header that is not a bearer token (Basic, Negotiate, empty), then it still needs the CSRF header', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);
      const agent = await signInWithLink(t.app, participant.token);

      // A browser adds Basic or Negotiate credentials by itself when a proxy in front of Tailor asked for them.
      const statuses = [];
      for (const authorization of ['Basic dXNlcjpwYXNz', 'Negotiate YIIC', '']) {
        statuses.push((await agent.put('/api/v1/me/intake').set('Authorization', authorization).send({ answers: { jobTitle: 'Forged' }, version: 0 })).status);
      }
      const intake = await request(t.app).get('/api/v1/me/intake').set(bearer(participant.token));

      expect(statuses).to.deep.equal([403, 403, 403]);
      expect(intake.body.answers).to.deep.equal({});
    });

    it('when the CSRF cookie is set, then it is HttpOnly and SameSite=Strict', async () => {
      const res = await request(t.app).get('/sign-in');

      expect(setCookie(res, 'tailor_csrf')).to.match(/HttpOnly/).and.match(/SameSite=Strict/);
    });
  });

  describe('headers and static files', () => {
    it('when a page is served, then its CSP allows scripts and styles only from our own origin, and it is not cached', async () => {
      const res = await request(t.app).get('/sign-in');

      const csp = String(res.headers['content-security-policy']);
      expect(csp).to.contain("script-src 'self'").and.contain("style-src 'self'").and.contain("frame-ancestors 'none'");
      expect(csp).not.to.contain('unsafe-inline');
      expect(csp).not.to.contain('upgrade-insecure-requests');
      expect(res.headers['referrer-policy']).to.equal('no-referrer');
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).not.to.match(/<script>|<script [^>]*>[^<]/);
    });

    it('when the stylesheet and scripts are fetched, then they come from /static', async () => {
      const css = await request(t.app).get('/static/tailor.css');
      const js = await request(t.app).get('/static/intake.js');

      expect(css.status).to.equal(200);
      expect(css.headers['content-type']).to.match(/text\/css/);
      expect(js.status).to.equal(200);
      expect(js.headers['content-type']).to.match(/javascript/);
    });
  });

  describe('error pages', () => {
    it('when a page does not exist, then a 404 page with a title and a way back is shown; under /api/ it stays problem+json', async () => {
      const page = await request(t.app).get('/no/such/page');
      const api = await request(t.app).get('/api/v1/no-such-thing');

      expect(page.status).to.equal(404);
      expect(page.text).to.contain('<title>Page not found (404) – Tailor</title>').and.contain('href="/"');
      expect(api.status).to.equal(404);
      expect(api.headers['content-type']).to.match(/application\/problem\+json/);
    });

    it('when an API path is written in capitals, then it is still the API: problem+json errors, and a bearer call needs no CSRF token', async () => {
      const { participant } = await buildTeam(t.app, t.adminToken);

      const missing = await request(t.app).get('/API/v1/no-such-thing');
      const put = await request(t.app).put('/Api/v1/me/intake').set(bearer(participant.token)).send({ answers: { jobTitle: 'Payroll clerk' }, version: 0 });

      expect(missing.status).to.equal(404);
      expect(missing.headers['content-type']).to.match(/application\/problem\+json/);
      expect(put.status).to.equal(200);
      expect(put.body.answers).to.deep.equal({ jobTitle: 'Payroll clerk' });
    });

    it('when an error page is reached from one of our pages, then it links back there; from another site, it does not', async () => {
      const ours = await request(t.app).get('/me/intake').set('Host', 'tailor.test').set('Referer', 'http://tailor.test/me/reports?reviewed=1');
      const theirs = await request(t.app).get('/me/intake').set('Host', 'tailor.test').set('Referer', 'https://evil.example/me/reports');
      const odd = await request(t.app).get('/me/intake').set('Host', 'tailor.test').set('Referer', 'javascript:alert(1)');

      expect(ours.text).to.contain('<a class="button" href="/me/reports?reviewed&#x3D;1">Back to the page you came from</a>');
      for (const page of [theirs, odd]) expect(page.text).not.to.contain('Back to the page you came from');
    });

    it('when a person page is opened without signing in, then a 401 page says how to get back in', async () => {
      const res = await request(t.app).get('/me/intake');

      expect(res.status).to.equal(401);
      expect(res.text).to.contain('Please sign in again').and.contain('href="/sign-in"');
    });
  });
});
