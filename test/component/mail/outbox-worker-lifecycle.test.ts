import { expect } from 'chai';
import { setTimeout as delay } from 'node:timers/promises';
import { useTestDatabase } from '../../support/database.ts';
import { buildInvitationMail } from '../../support/mail-builders.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';
import { createTestMail, smtpWorker, TestClock } from './mail-test-kit.ts';

/** Waits for a condition the worker brings about on its own; fails the test if it never comes. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (condition()) return;
    await delay(10);
  }
  throw new Error(`Never happened: ${what}`);
}

describe('outbox worker lifecycle', () => {
  const db = useTestDatabase('mail_lifecycle');
  const smtp = new SmtpTestServer();
  let port: number;

  before(async () => {
    port = await smtp.start();
  });
  after(async () => {
    await smtp.stop();
  });

  it('when nudged after a mail is queued, then the mail is sent without waiting for the next poll', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    // A poll an hour away: only the nudge can send the mail while the test runs.
    const worker = smtpWorker(db.connection, port, clock, 'w-nudge', 3_600_000);
    worker.start();
    await worker.drain(); // the pass that start() began has finished on an empty outbox
    await mail.queueInvitation(buildInvitationMail({ recipient: { name: 'Nudged', email: 'nudged@example.test' } }));

    worker.nudge();
    await eventually(() => smtp.to('nudged@example.test').length > 0, 'the nudged mail arrives');
    await worker.stop();

    expect(smtp.to('nudged@example.test')).to.have.length(1);
  });

  it('when running, then a mail queued later is picked up by the next poll without a nudge', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const worker = smtpWorker(db.connection, port, clock, 'w-poll', 20);
    worker.start();

    await mail.queueInvitation(buildInvitationMail({ recipient: { name: 'Polled', email: 'polled@example.test' } }));
    await eventually(() => smtp.to('polled@example.test').length > 0, 'the polled mail arrives');
    await worker.stop();

    expect(smtp.to('polled@example.test')).to.have.length(1);
  });

  it('when stopped, then nudges no longer send anything', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const worker = smtpWorker(db.connection, port, clock, 'w-stopped');
    worker.start();
    await worker.stop();
    const invitation = buildInvitationMail({ recipient: { name: 'Late', email: 'late@example.test' } });
    await mail.queueInvitation(invitation);

    worker.nudge();
    await worker.stop();

    expect(smtp.to('late@example.test')).to.have.length(0);
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry.state).to.equal('queued');
  });
});
