import { expect } from 'chai';
import { createOutboxRepository } from '../../../src/mail/data-access/outbox-repository.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildDepartmentCompleteMail, buildEngagementSummary, buildInvitationMail } from '../../support/mail-builders.ts';
import { createTestMail, TestClock } from './mail-test-kit.ts';

describe('queueing mail in the outbox', () => {
  const db = useTestDatabase('mail_queue');

  it('when the same invitation is queued twice (a retried request), then one mail is stored', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const invitation = buildInvitationMail();

    const first = await mail.queueInvitation(invitation);
    const again = await mail.queueInvitation(invitation);

    expect(first.isNew).to.equal(true);
    expect(again).to.deep.equal({ ...first, isNew: false });
    expect(await mail.listOutbox(invitation.engagement.id)).to.have.length(1);
  });

  it('when the same invitation is queued by concurrent requests, then still one mail is stored', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const invitation = buildInvitationMail();

    const results = await Promise.all(Array.from({ length: 8 }, () => mail.queueInvitation(invitation)));

    expect(results.filter((r) => r.isNew)).to.have.length(1);
    expect(new Set(results.map((r) => r.id)).size).to.equal(1);
    expect(await mail.listOutbox(invitation.engagement.id)).to.have.length(1);
  });

  it('when a token is re-issued, then the new invitation is queued beside the first', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const invitation = buildInvitationMail();

    await mail.queueInvitation(invitation);
    const reissued = await mail.queueInvitation({ ...invitation, token: 'tok_new', tokenIssuedAt: new Date('2025-10-20T08:00:00Z') });

    expect(reissued.isNew).to.equal(true);
    expect(await mail.listOutbox(invitation.engagement.id)).to.have.length(2);
  });

  it('when many invitations are queued in one write and one was queued before, then each is stored once and the results say which are new, in order', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const engagement = buildEngagementSummary();
    const invitations = [1, 2, 3].map((n) => buildInvitationMail({ engagement, recipient: { name: `Person ${n}`, email: `p${n}@example.test` } }));
    const earlier = await mail.queueInvitation(invitations[1]);

    const queued = await db.connection.transaction((session) => mail.queueInvitations(invitations, session));

    expect(queued.map((q) => q.isNew)).to.deep.equal([true, false, true]);
    expect(queued[1]).to.deep.equal({ ...earlier, isNew: false });
    const stored = await mail.listOutbox(engagement.id);
    expect(stored.map((m) => m.recipient.email).sort()).to.deep.equal(['p1@example.test', 'p2@example.test', 'p3@example.test']);
    expect(new Set(queued.map((q) => q.id))).to.deep.equal(new Set(stored.map((m) => m.id)));
  });

  it('when the causing transaction commits, then its mail is queued; when it aborts, then no mail is left behind', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const engagement = buildEngagementSummary();
    const kept = buildInvitationMail({ engagement });
    const dropped = buildInvitationMail({ engagement });

    await db.connection.transaction((session) => mail.queueInvitation(kept, session));
    const aborted = await db.connection
      .transaction(async (session) => {
        await mail.queueInvitation(dropped, session);
        throw new Error('the roster change failed after queueing');
      })
      .then(() => undefined, (error: Error) => error);

    expect(aborted?.message).to.equal('the roster change failed after queueing');
    const entries = await mail.listOutbox(engagement.id);
    expect(entries.map((e) => e.recipient.email)).to.deep.equal([kept.recipient.email]);
  });

  it('when a mail is queued again inside a transaction, then the transaction still commits', async () => {
    const mail = await createTestMail(db.connection, new TestClock());
    const notice = buildDepartmentCompleteMail();
    await mail.queueDepartmentComplete(notice);

    const again = await db.connection.transaction((session) => mail.queueDepartmentComplete(notice, session));

    expect(again.isNew).to.equal(false);
    expect(await mail.listOutbox(notice.engagement.id)).to.have.length(1);
  });

  it('when the outbox is listed, then each mail shows its state without its body', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const invitation = buildInvitationMail({ token: 'tok_private' });
    const queued = await mail.queueInvitation(invitation);

    const [entry] = await mail.listOutbox(invitation.engagement.id);

    expect(entry).to.deep.equal({
      id: queued.id, kind: 'invitation', recipient: invitation.recipient, subject: 'Northwind Traders: your interview for the AI training plan',
      state: 'queued', attempts: 0, queuedAt: clock.now(), nextAttemptAt: clock.now(), sentAt: null, lastError: null, lastErrorAt: null,
    });
    expect(JSON.stringify(entry)).not.to.include('tok_private');
    const stored = await createOutboxRepository(db.connection).findByDedupeKey(queued.dedupeKey);
    expect(stored?.html).to.include('/i/tok_private');
  });

  it('when an engagement has sent more mails than a listing holds, then a mail that failed before them is still listed, with its error', async () => {
    // A month before the other tests' mails: their mails are not due yet, so this test's claims take only its own.
    const clock = new TestClock('2025-09-01T08:00:00Z');
    const mail = await createTestMail(db.connection, clock);
    const repository = createOutboxRepository(db.connection);
    const engagement = buildEngagementSummary();
    const refused = await mail.queueInvitation(buildInvitationMail({ engagement, recipient: { name: 'Gone', email: 'gone@example.test' } }));
    await repository.claimNext('w-list', clock.now(), 60_000);
    await repository.endAttempt(refused.id, 'w-list', { state: 'failed', at: clock.now(), error: 'EENVELOPE: 550 Mailbox does not exist', clearBodies: true });
    clock.advance(60_000);
    const later = Array.from({ length: 1000 }, (_v, i) => buildInvitationMail({ engagement, recipient: { name: `Person ${i}`, email: `p${i}@example.test` } }));
    await db.connection.transaction((session) => mail.queueInvitations(later, session));
    // As a worker leaves them once delivered; written at once, since sending a thousand mails is not what is tested.
    await db.connection.collection('outbox').updateMany({ engagementId: engagement.id, state: 'queued' }, { $set: { state: 'sent', sentAt: clock.now(), deliveryNote: '250 OK' } });

    const listed = await mail.listOutbox(engagement.id);

    const failed = listed.find((m) => m.id === refused.id);
    expect(failed, 'the failed invitation among the listed mails').to.not.equal(undefined);
    expect(failed).to.include({ state: 'failed', lastError: 'EENVELOPE: 550 Mailbox does not exist' });
    expect(listed.at(-1)?.id).to.equal(refused.id);
    expect(listed.filter((m) => m.state === 'sent')).to.have.length(999);
  });
});
