import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { useTestDatabase } from '../../support/database.ts';
import { buildEngagementSummary, buildInvitationMail } from '../../support/mail-builders.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';
import { createTestMail, smtpWorker, TestClock } from './mail-test-kit.ts';

const MAIL_COUNT = 40;

describe('outbox worker, two instances on one database', () => {
  const db = useTestDatabase('mail_concurrency');
  const smtp = new SmtpTestServer();
  let otherInstance: Connection;

  before(async () => {
    // A second connection stands for a second Tailor instance: its own pool, same database.
    otherInstance = await mongoose.createConnection(db.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  });
  after(async () => {
    await otherInstance.close();
    await smtp.stop();
  });

  it('when both workers drain the same outbox at once, then each mail is sent exactly once', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const engagement = buildEngagementSummary();
    for (let i = 0; i < MAIL_COUNT; i += 1) {
      await mail.queueInvitation(buildInvitationMail({ engagement, recipient: { name: `Person ${i}`, email: `p${i}@example.test` } }));
    }
    const first = smtpWorker(db.connection, port, clock, 'instance-a');
    const second = smtpWorker(otherInstance, port, clock, 'instance-b');

    const [byFirst, bySecond] = await Promise.all([first.drain(), second.drain()]);
    await Promise.all([first.stop(), second.stop()]);

    const recipients = smtp.received.map((r) => r.envelopeTo[0]);
    expect(recipients).to.have.length(MAIL_COUNT);
    expect(new Set(recipients).size).to.equal(MAIL_COUNT);
    expect(byFirst.length + bySecond.length).to.equal(MAIL_COUNT);
    expect(byFirst.some((o) => o.leaseLost) || bySecond.some((o) => o.leaseLost)).to.equal(false);
    const entries = await mail.listOutbox(engagement.id);
    expect(entries.every((e) => e.state === 'sent' && e.attempts === 1)).to.equal(true);
  });
});
