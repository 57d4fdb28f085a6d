import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { buildEngagementSummary, buildInvitationMail } from '../../support/mail-builders.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';
import { createTestMail, smtpWorker, TestClock } from './mail-test-kit.ts';

describe('a demo engagement\'s mail in the outbox', () => {
  const db = useTestDatabase('mail_withheld');
  let smtp: SmtpTestServer;

  beforeEach(() => {
    smtp = new SmtpTestServer();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it('when mail of a demo engagement is queued, then it is listed as withheld and a running worker never sends it, while real mail goes out', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-withheld');
    const demo = buildInvitationMail({ engagement: { ...buildEngagementSummary(), isDemo: true }, recipient: { name: 'Demo Person', email: 'demo.person@northwind.test' } });
    const real = buildInvitationMail({ recipient: { name: 'Real Person', email: 'real.person@northwind.test' } });
    await mail.queueInvitation(demo);
    await mail.queueInvitation(real);

    const outcomes = await worker.drain();
    clock.advance(24 * 60 * 60 * 1000);
    const later = await worker.drain();
    await worker.stop();

    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(later).to.deep.equal([]);
    expect(smtp.to('demo.person@northwind.test')).to.have.length(0);
    expect(smtp.to('real.person@northwind.test')).to.have.length(1);
    const [listed] = await mail.listOutbox(demo.engagement.id);
    expect(listed).to.include({ state: 'withheld', attempts: 0, sentAt: null });
  });

  it('when an engagement\'s outbox is deleted, then its mails go and other engagements\' stay', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const removed = buildInvitationMail();
    const kept = buildInvitationMail();
    await mail.queueInvitation(removed);
    await mail.queueInvitation(kept);

    const count = await db.connection.transaction((session) => mail.deleteOutbox(session, removed.engagement.id));

    expect(count).to.equal(1);
    expect(await mail.listOutbox(removed.engagement.id)).to.deep.equal([]);
    expect(await mail.listOutbox(kept.engagement.id)).to.have.length(1);
  });
});
