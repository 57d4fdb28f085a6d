import { expect } from 'chai';
import { createOutboxRepository } from '../../../src/mail/data-access/outbox-repository.ts';
import type { Mail } from '../../../src/mail/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildBriefMail, buildEngagementSummary, buildInvitationMail, buildManagerRequestMail, buildReminderMail } from '../../support/mail-builders.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';
import { createTestMail, smtpWorker, TEST_POLICY, TestClock } from './mail-test-kit.ts';

describe('Mail.eraseMailOf', () => {
  const db = useTestDatabase('mail_erasure');
  const outbox = () => db.connection.collection('outbox');
  let smtp: SmtpTestServer;

  beforeEach(() => {
    smtp = new SmtpTestServer();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  const erase = (mail: Mail, erased: { engagementId: string; personId: string; email: string }) =>
    db.connection.transaction((session) => mail.eraseMailOf(session, erased));

  it('when a person whose mail failed, is withheld or is a brief is erased, then the failure keeps no address, unsent mail is gone, and another engagement\'s mail to the same address stays', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const engagement = buildEngagementSummary();
    const personId = '6b0000000000000000000001';
    const recipient = { name: 'Ada Quistgaard', email: 'ada.q@example.test' };
    smtp.refusals.set(recipient.email, { responseCode: 550, message: 'Mailbox ada.q@example.test does not exist' });
    await mail.queueInvitation(buildInvitationMail({ engagement, personId, recipient }));
    const worker = smtpWorker(db.connection, port, clock, 'w-erasure');
    await worker.drain();
    await worker.stop();
    await mail.queueBrief(buildBriefMail({ engagement, personId, recipient }));
    await mail.queueReminder(buildReminderMail({ engagement: { ...engagement, isDemo: true }, personId, recipient }));
    const elsewhere = await mail.queueReminder(buildReminderMail({ recipient }));

    const result = await erase(mail, { engagementId: engagement.id, personId, email: recipient.email });

    expect(result).to.include({ deleted: 2, blanked: 1 });
    const rows = await outbox().find({ engagementId: engagement.id }).toArray();
    expect(rows.map((r) => r.kind)).to.deep.equal(['invitation']);
    expect(rows[0]).to.deep.include({ state: 'failed', subject: 'Erased with the person it was about', html: '', text: '', lastError: 'Error text erased with the person' });
    expect(rows[0].recipient).to.deep.equal({ name: 'Erased person', email: `erased-${personId}@erased.invalid` });
    expect(JSON.stringify(rows)).not.to.include('ada.q');
    expect((await outbox().findOne({ dedupeKey: elsewhere.dedupeKey }))?.recipient).to.deep.equal(recipient);
  });

  it('when a manager is erased, then the requests to review their reports that were not sent are gone, and the reports\' own mail stays', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const engagement = buildEngagementSummary();
    const managerId = '6b0000000000000000000002';
    const request = await mail.queueManagerRequest(buildManagerRequestMail({ engagement, managerId, recipient: { name: 'Margaret', email: 'margaret@example.test' } }));
    const reportInvitation = await mail.queueInvitation(buildInvitationMail({ engagement }));

    const result = await erase(mail, { engagementId: engagement.id, personId: managerId, email: 'margaret@example.test' });

    expect(result).to.include({ deleted: 1, blanked: 0 });
    const repository = createOutboxRepository(db.connection);
    expect(await repository.hasDedupeKey(request.dedupeKey)).to.equal(false);
    expect(await repository.hasDedupeKey(reportInvitation.dedupeKey)).to.equal(true);
  });

  it('when a mail is being sent while its person is erased, then the worker\'s end of the attempt finds nothing and writes nothing back', async () => {
    // Earlier than the other tests' mail, so only this test's mail is due.
    const clock = new TestClock('2025-01-01T08:00:00Z');
    const mail = await createTestMail(db.connection, clock);
    const repository = createOutboxRepository(db.connection);
    const engagement = buildEngagementSummary();
    const queued = await mail.queueReminder(buildReminderMail({ engagement, personId: '6b0000000000000000000003' }));
    const claimed = await repository.claimNext('w-leased', clock.now(), TEST_POLICY.leaseMs);
    expect(claimed?.id).to.equal(queued.id);

    await erase(mail, { engagementId: engagement.id, personId: '6b0000000000000000000003', email: claimed!.recipient.email });
    const retried = await repository.endAttempt(queued.id, 'w-leased', { state: 'queued', at: clock.now(), error: '451 try later', nextAttemptAt: clock.now() });
    const sent = await repository.endAttempt(queued.id, 'w-leased', { state: 'sent', at: clock.now(), deliveryNote: '250 OK', clearBodies: true });

    expect([retried, sent]).to.deep.equal([false, false]);
    expect(await outbox().countDocuments({ engagementId: engagement.id })).to.equal(0);
    expect(await repository.claimNext('w-next', clock.now(), TEST_POLICY.leaseMs)).to.equal(null);
  });
});
