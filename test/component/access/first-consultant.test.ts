import { expect } from 'chai';
import request from 'supertest';
import { ensureFirstConsultant } from '../../../src/access/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp } from '../../support/build-test-app.ts';
import { bearer } from '../../support/intake-builders.ts';

describe('ensureFirstConsultant (start-up)', () => {
  const db = useTestDatabase('access_first');

  it('when no administrator token is set and nobody exists, then the first start creates an administrator and returns its token once', async () => {
    const token = await ensureFirstConsultant(db.connection, undefined);
    const second = await ensureFirstConsultant(db.connection, undefined);

    expect(token).to.be.a('string');
    expect(second).to.equal(undefined);
    const { app } = buildTestApp(db.connection, { env: { TAILOR_ADMIN_TOKEN: '' } });
    const created = await request(app).post('/api/v1/consultants').set(bearer(token!)).send({ name: 'Second', email: 'second@tailor.test' });
    expect(created.status).to.equal(201);
    const me = await request(app).get('/api/v1/consultants/me').set(bearer(token!));
    expect(me.body).to.include({ isAdmin: true });
  });

  it('when an administrator token is configured, then nothing is printed and that token is the first consultant', async () => {
    const token = await ensureFirstConsultant(db.connection, 'configured-admin-token-000000000');

    expect(token).to.equal(undefined);
    const { app } = buildTestApp(db.connection, { env: { TAILOR_ADMIN_TOKEN: 'configured-admin-token-000000000' } });
    const me = await request(app).get('/api/v1/consultants/me').set(bearer('configured-admin-token-000000000'));
    expect(me.status).to.equal(200);
    expect(me.body.isAdmin).to.equal(true);
  });
});
