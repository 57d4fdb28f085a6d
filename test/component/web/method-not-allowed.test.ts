import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';

describe('an API path asked with a method it does not have', () => {
  const db = useTestDatabase('web_method_not_allowed');
  let t: TestApp;

  before(() => {
    t = buildTestApp(db.connection);
  });

  it('when the path exists for other methods, then 405 problem+json with Allow lists them', async () => {
    const res = await request(t.app).delete('/api/v1/modules').set(bearer(t.adminToken));

    expect(res.status).to.equal(405);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.headers.allow).to.equal('GET, HEAD');
    expect(res.body).to.include({ status: 405, code: 'method-not-allowed', title: 'Method Not Allowed' });
    expect(res.body.allowed).to.deep.equal(['GET', 'HEAD']);
  });

  it('when the path has parameters, then they match any one segment and every method of the path is listed', async () => {
    const res = await request(t.app).put('/api/v1/engagements/64b7f0c2a1b2c3d4e5f60718/shortlist').set(bearer(t.adminToken)).send({});

    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, HEAD, PATCH, POST');
  });

  it('when the path is spelt in other case or with a trailing slash, as Express still routes it, then it is the same 405', async () => {
    const res = await request(t.app).post('/api/v1/Modules/').set(bearer(t.adminToken));

    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, HEAD');
  });

  it('when no API path matches, then it is still a 404', async () => {
    const unknown = await request(t.app).delete('/api/v1/no-such-thing').set(bearer(t.adminToken));
    const deeper = await request(t.app).delete('/api/v1/modules/one/two').set(bearer(t.adminToken));

    expect(unknown.status).to.equal(404);
    expect(deeper.status).to.equal(404);
  });

  it('when the method is one the path has, then the route answers as before (here: the caller is not signed in)', async () => {
    const res = await request(t.app).get('/api/v1/modules');

    expect(res.status).to.equal(401);
  });
});
