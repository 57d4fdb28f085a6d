import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createAccess, ensureFirstConsultant } from '../../../src/access/index.ts';
import { outboxRoutes } from '../../../src/mail/index.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { errorHandler, notFoundHandler } from '../../../src/web/problem-details.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildEngagementSummary, buildInvitationMail } from '../../support/mail-builders.ts';
import { closedPort } from '../../support/smtp-test-server.ts';
import { createTestMail, smtpWorker, TestClock } from './mail-test-kit.ts';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

describe('GET /api/v1/engagements/:engagementId/outbox', () => {
  const db = useTestDatabase('mail_routes');
  const config = loadConfig({ TAILOR_ADMIN_TOKEN: ADMIN_TOKEN });
  const schemas = new SchemaRegistry(config.paths.schemas);

  /** The route as the lead mounts it, behind the access component's consultant check. */
  async function buildApp(clock: TestClock) {
    const mail = await createTestMail(db.connection, clock);
    const access = createAccess({ connection: db.connection, config: config.access, schemas, now: clock.now });
    await ensureFirstConsultant(db.connection, ADMIN_TOKEN);
    const app = express();
    app.use(outboxRoutes(mail.listOutbox, [access.auth.requireConsultant]));
    app.use(notFoundHandler);
    app.use(errorHandler());
    return { app, mail };
  }

  it('when a consultant asks, then each mail is listed with its state and last error, and the reply fits the outbox schema', async () => {
    const clock = new TestClock();
    const { app, mail } = await buildApp(clock);
    const engagement = buildEngagementSummary();
    const queued = await mail.queueInvitation(buildInvitationMail({ engagement, token: 'tok_hidden' }));
    const worker = smtpWorker(db.connection, await closedPort(), clock, 'w-route');
    await worker.drain();
    await worker.stop();

    const res = await request(app).get(`/api/v1/engagements/${engagement.id}/outbox`).set('Authorization', `Bearer ${ADMIN_TOKEN}`);

    expect(res.status).to.equal(200);
    expect(res.body.mails).to.have.length(1);
    expect(res.body.mails[0]).to.include({ id: queued.id, kind: 'invitation', state: 'queued', attempts: 1 });
    expect(res.body.mails[0].lastError).to.match(/ECONNREFUSED|ECONNECTION/);
    expect(res.text).not.to.include('tok_hidden');
    expect(schemas.validator('outbox')(res.body), JSON.stringify(schemas.validator('outbox').errors)).to.equal(true);
  });

  it('when no token is given, then it answers 401 problem+json and lists nothing', async () => {
    const { app } = await buildApp(new TestClock());

    const res = await request(app).get(`/api/v1/engagements/${buildEngagementSummary().id}/outbox`);

    expect(res.status).to.equal(401);
    expect(res.type).to.equal('application/problem+json');
    expect(JSON.parse(res.text)).to.include({ code: 'token-missing' });
  });
});
