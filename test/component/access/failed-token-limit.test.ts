import { expect } from 'chai';
import request from 'supertest';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, bearer, buildPersonInput, createEngagement } from '../../support/intake-builders.ts';

describe('failed token checks', () => {
  const db = useTestDatabase('access_limit');
  let t: TestApp;

  beforeEach(() => {
    // Trusting the proxy lets each test play several clients through X-Forwarded-For.
    t = buildTestApp(db.connection, { env: { TRUST_PROXY: 'true' }, overrides: { failedTokenLimits: { limit: 3, windowMs: 60_000 } } });
  });

  const guess = (client: string) => request(t.app).get('/api/v1/me').set('X-Forwarded-For', client).set(bearer('guessed-token-guessed-token-00'));

  it('when one client keeps sending wrong tokens, then after the limit it gets 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await guess('203.0.113.7')).status).to.equal(401);

    const res = await guess('203.0.113.7');

    expect(res.status).to.equal(429);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body.code).to.equal('too-many-requests');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).to.be.greaterThan(0).and.at.most(60);
  });

  it('when that client is throttled, then another client\'s wrong token still gets a plain 401', async () => {
    for (let i = 0; i < 4; i++) await guess('203.0.113.8');

    const res = await guess('198.51.100.2');

    expect(res.status).to.equal(401);
  });

  it('when valid tokens are used, even many times and from a throttled address, then none is throttled', async () => {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput()]);
    for (let i = 0; i < 4; i++) await guess('203.0.113.9');

    const statuses = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await request(t.app).get('/api/v1/me').set('X-Forwarded-For', '203.0.113.9').set(bearer(person.token))).status);
    }

    expect(statuses).to.deep.equal(Array(10).fill(200));
  });

  it('when one proxy hop is trusted and a client forges the start of X-Forwarded-For, then it is still counted by the address the proxy saw', async () => {
    const oneHop = buildTestApp(db.connection, { env: { TRUST_PROXY: '1' }, overrides: { failedTokenLimits: { limit: 3, windowMs: 60_000 } } });
    // The proxy appends the address it saw; whatever the client wrote before it is the client's own claim.
    const forged = (claimed: string) => request(oneHop.app).get('/api/v1/me').set('X-Forwarded-For', `${claimed}, 203.0.113.50`).set(bearer('guessed-token-guessed-token-00'));

    const statuses = [];
    for (const claimed of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) statuses.push((await forged(claimed)).status);

    expect(statuses).to.deep.equal([401, 401, 401, 429]);
  });
});
