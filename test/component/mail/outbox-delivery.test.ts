import { expect } from 'chai';
import { createOutboxRepository } from '../../../src/mail/data-access/outbox-repository.ts';
import { createSmtpTransport, OutboxWorker } from '../../../src/mail/index.ts';
import { maxBackoffDelayMs } from '../../../src/mail/domain/retry-policy.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildBriefMail, buildEngagementSummary, buildInvitationMail, buildManagerRequestMail } from '../../support/mail-builders.ts';
import { closedPort, SmtpTestServer } from '../../support/smtp-test-server.ts';
import { createTestMail, PUBLIC_URL, smtpWorker, TEST_POLICY, TestClock } from './mail-test-kit.ts';

describe('outbox worker over SMTP', () => {
  const db = useTestDatabase('mail_delivery');
  let smtp: SmtpTestServer;

  beforeEach(() => {
    smtp = new SmtpTestServer();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it('when an invitation is sent, then the received mail has the personal link in HTML and text, and the name escaped', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-content');
    const invitation = buildInvitationMail({ recipient: { name: '<script>alert(1)</script>', email: 'ada@example.test' }, token: 'tok_Xy-1' });
    const queued = await mail.queueInvitation(invitation);

    const outcomes = await worker.drain();
    await worker.stop();

    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['sent']);
    const [received] = smtp.to('ada@example.test');
    expect(received.parsed.subject).to.equal('Northwind Traders: your interview for the AI training plan');
    expect(received.parsed.to).to.deep.include({ text: '"<script>alert(1)</script>" <ada@example.test>' });
    expect(received.parsed.html).to.include(`href="${PUBLIC_URL}/i/tok_Xy-1"`);
    expect(received.parsed.html).to.include('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(received.parsed.html).not.to.include('<script>');
    expect(received.parsed.text).to.include(`${PUBLIC_URL}/i/tok_Xy-1`);
    expect(received.parsed.headers.get('auto-submitted')).to.equal('auto-generated');
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry).to.include({ id: queued.id, state: 'sent', attempts: 1, lastError: null });
    expect(received.parsed.messageId).to.match(/^<[0-9a-f-]+@tailor\.test>$/);
  });

  it('when a manager request and a brief are sent, then their links and content arrive intact', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-kinds');
    await mail.queueManagerRequest(buildManagerRequestMail({ recipient: { name: 'Margaret', email: 'margaret@example.test' }, reviewPath: '/reviews/p-42' }));
    await mail.queueBrief(buildBriefMail({ recipient: { name: 'Ada', email: 'brief@example.test' }, uncoveredTasks: ['Chase late approvals & sign-offs'] }));

    await worker.drain();
    await worker.stop();

    expect(smtp.to('margaret@example.test')[0].parsed.text).to.include(`Review the tasks: ${PUBLIC_URL}/reviews/p-42`);
    const brief = smtp.to('brief@example.test')[0].parsed;
    expect(brief.text).to.include('Not covered yet.');
    expect(brief.text).to.include('- Chase late approvals & sign-offs');
    expect(brief.html).to.include('Chase late approvals &amp; sign-offs');
  });

  it('when SMTP is down and then comes up, then every mail is delivered exactly once after backing off', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await closedPort();
    const worker = smtpWorker(db.connection, port, clock, 'w-down-up');
    const engagement = buildEngagementSummary();
    const people = ['one', 'two', 'three'].map((n) => buildInvitationMail({ engagement, recipient: { name: n, email: `${n}@example.test` } }));
    for (const person of people) await mail.queueInvitation(person);

    const first = await worker.drain();
    const afterFirst = await mail.listOutbox(engagement.id);
    clock.advance(maxBackoffDelayMs(TEST_POLICY, 1));
    const second = await worker.drain();
    const afterSecond = await mail.listOutbox(engagement.id);
    await smtp.start(port);
    clock.advance(maxBackoffDelayMs(TEST_POLICY, 2));
    const third = await worker.drain();
    const afterThird = await mail.listOutbox(engagement.id);
    await worker.stop();

    expect(first.map((o) => o.outcome)).to.deep.equal(['retry', 'retry', 'retry']);
    for (const entry of afterFirst) {
      expect(entry).to.include({ state: 'queued', attempts: 1 });
      expect(entry.lastError).to.match(/ECONNREFUSED|ECONNECTION/);
      const delay = entry.nextAttemptAt!.getTime() - entry.lastErrorAt!.getTime();
      expect(delay).to.be.within(800, 1_200);
    }
    expect(second.map((o) => o.outcome)).to.deep.equal(['retry', 'retry', 'retry']);
    for (const entry of afterSecond) {
      expect(entry).to.include({ state: 'queued', attempts: 2 });
      expect(entry.nextAttemptAt!.getTime() - entry.lastErrorAt!.getTime()).to.be.within(1_600, 2_400);
    }
    expect(third.map((o) => o.outcome)).to.deep.equal(['sent', 'sent', 'sent']);
    expect(afterThird.map((e) => [e.state, e.attempts])).to.deep.equal([['sent', 3], ['sent', 3], ['sent', 3]]);
    expect(smtp.received.map((r) => r.envelopeTo[0]).sort()).to.deep.equal(['one@example.test', 'three@example.test', 'two@example.test']);
  });

  it('when the server refuses a recipient for good, then the mail ends failed with the reply, and the others still go', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    smtp.refusals.set('gone@example.test', { responseCode: 550, message: 'Mailbox gone@example.test does not exist' });
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-permanent');
    const engagement = buildEngagementSummary();
    const refused = await mail.queueInvitation(buildInvitationMail({ engagement, recipient: { name: 'Gone', email: 'gone@example.test' } }));
    await mail.queueInvitation(buildInvitationMail({ engagement, recipient: { name: 'Here', email: 'here@example.test' } }));

    const outcomes = await worker.drain();
    await worker.stop();

    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['failed', 'sent']);
    const entry = (await mail.listOutbox(engagement.id)).find((e) => e.id === refused.id)!;
    expect(entry).to.include({ state: 'failed', attempts: 1, nextAttemptAt: null });
    expect(entry.lastError).to.include('550');
    expect(entry.lastError).to.include('does not exist');
    expect(smtp.received.map((r) => r.envelopeTo[0])).to.deep.equal(['here@example.test']);
  });

  it('when the relay refuses to relay for us (5.7.x at RCPT: our setting, not their mailbox), then the mail waits for a retry and goes once the relay accepts', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    smtp.refusals.set('far@example.test', { responseCode: 554, message: '5.7.1 <far@example.test>: Relay access denied' });
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-relay');
    const invitation = buildInvitationMail({ recipient: { name: 'Far', email: 'far@example.test' } });
    const queued = await mail.queueInvitation(invitation);

    const refused = await worker.drain();
    const [waiting] = await mail.listOutbox(invitation.engagement.id);
    smtp.refusals.clear();
    clock.advance(maxBackoffDelayMs(TEST_POLICY, 1));
    const accepted = await worker.drain();
    await worker.stop();

    expect(refused.map((o) => o.outcome)).to.deep.equal(['retry']);
    expect(waiting).to.include({ id: queued.id, state: 'queued' });
    expect(waiting.lastError).to.include('5.7.1');
    expect(accepted.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(smtp.to('far@example.test')).to.have.length(1);
  });

  it('when the server keeps answering "try later", then the mail is failed after the last attempt with that error', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    smtp.refusals.set('busy@example.test', { responseCode: 451, message: 'Greylisted, try later' });
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-exhausted');
    const invitation = buildInvitationMail({ recipient: { name: 'Busy', email: 'busy@example.test' } });
    await mail.queueInvitation(invitation);

    const outcomes = [];
    for (let attempt = 1; attempt <= TEST_POLICY.maxAttempts + 1; attempt += 1) {
      outcomes.push(...(await worker.drain()).map((o) => o.outcome));
      clock.advance(maxBackoffDelayMs(TEST_POLICY, attempt));
    }
    await worker.stop();

    expect(outcomes).to.deep.equal(['retry', 'retry', 'retry', 'failed']);
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry).to.include({ state: 'failed', attempts: TEST_POLICY.maxAttempts });
    expect(entry.lastError).to.include('451 Greylisted, try later');
    expect(smtp.received).to.have.length(0);
  });

  it('when the server refuses our login or our sender, then every mail waits and is retried, none failed, and all go once it accepts', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    smtp.loginRefusal = { responseCode: 535, message: 'Invalid credentials' };
    const port = await smtp.start();
    const withLogin = new OutboxWorker({
      connection: db.connection, transport: createSmtpTransport(SmtpTestServer.url(port, { user: 'tailor', pass: 'expired' }), 'Tailor <tailor@tailor.test>'),
      logger: silentLogger, now: clock.now, policy: TEST_POLICY, owner: 'w-login',
    });
    const engagement = buildEngagementSummary();
    for (const n of ['one', 'two']) await mail.queueInvitation(buildInvitationMail({ engagement, recipient: { name: n, email: `${n}@example.test` } }));

    const refused = await withLogin.drain();
    const afterRefusal = await mail.listOutbox(engagement.id);
    smtp.loginRefusal = undefined;
    clock.advance(maxBackoffDelayMs(TEST_POLICY, 1));
    const accepted = await withLogin.drain();
    await withLogin.stop();

    expect(refused.map((o) => o.outcome)).to.deep.equal(['retry', 'retry']);
    for (const entry of afterRefusal) {
      expect(entry).to.include({ state: 'queued', attempts: 1 });
      expect(entry.lastError).to.include('535');
    }
    expect(accepted.map((o) => o.outcome)).to.deep.equal(['sent', 'sent']);
    expect(smtp.received.map((r) => r.envelopeTo[0]).sort()).to.deep.equal(['one@example.test', 'two@example.test']);
  });

  it('when a worker died while sending, then after its lease expires another worker sends the mail with the same Message-ID', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const invitation = buildInvitationMail({ recipient: { name: 'Ada', email: 'crash@example.test' } });
    const queued = await mail.queueInvitation(invitation);
    const repository = createOutboxRepository(db.connection);
    const claimed = await repository.claimNext('crashed-worker', clock.now(), TEST_POLICY.leaseMs);
    const survivor = smtpWorker(db.connection, port, clock, 'w-survivor');

    const whileLeased = await survivor.drain();
    clock.advance(TEST_POLICY.leaseMs);
    const afterExpiry = await survivor.drain();
    await survivor.stop();

    expect(claimed?.id).to.equal(queued.id);
    expect(whileLeased).to.deep.equal([]);
    expect(afterExpiry.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(smtp.received).to.have.length(1);
    expect(smtp.received[0].parsed.messageId).to.equal(claimed?.messageId);
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry).to.include({ state: 'sent', attempts: 2 });
  });

  it('when workers died while sending a mail on every one of its attempts, then the next claim marks it failed instead of sending it again and again', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const invitation = buildInvitationMail({ recipient: { name: 'Poison', email: 'poison@example.test' } });
    await mail.queueInvitation(invitation);
    const repository = createOutboxRepository(db.connection);
    for (let attempt = 1; attempt <= TEST_POLICY.maxAttempts; attempt += 1) {
      await repository.claimNext(`crashed-${attempt}`, clock.now(), TEST_POLICY.leaseMs);
      clock.advance(TEST_POLICY.leaseMs);
    }
    const worker = smtpWorker(db.connection, port, clock, 'w-after-crashes');

    const outcomes = await worker.drain();
    await worker.stop();

    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['failed']);
    expect(smtp.received).to.have.length(0);
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry).to.include({ state: 'failed', attempts: TEST_POLICY.maxAttempts + 1 });
    expect(entry.lastError).to.include('stopped');
  });

  it('when an invitation was sent, then its stored body no longer holds the personal link', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-redact');
    const queued = await mail.queueInvitation(buildInvitationMail({ token: 'tok_secret' }));

    await worker.drain();
    await worker.stop();

    const stored = await createOutboxRepository(db.connection).findByDedupeKey(queued.dedupeKey);
    expect(stored).to.include({ state: 'sent', html: '', text: '' });
    expect(JSON.stringify(stored)).not.to.include('tok_secret');
  });

  it('when a brief was sent, then its stored body no longer holds its personal link either', async () => {
    const clock = new TestClock();
    const mail = await createTestMail(db.connection, clock);
    const port = await smtp.start();
    const worker = smtpWorker(db.connection, port, clock, 'w-redact-brief');
    const queued = await mail.queueBrief(buildBriefMail({ briefPath: '/i/tok_brief_secret' }));

    await worker.drain();
    await worker.stop();

    const stored = await createOutboxRepository(db.connection).findByDedupeKey(queued.dedupeKey);
    expect(stored).to.include({ state: 'sent', html: '', text: '' });
    expect(JSON.stringify(stored)).not.to.include('tok_brief_secret');
  });
});
