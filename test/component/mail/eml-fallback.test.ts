import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { Types } from 'mongoose';
import { createMail, createMailTransport, OutboxWorker, type EngagementSummary, type Mail } from '../../../src/mail/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { gateFirstCall } from '../../support/gate-first-call.ts';
import { buildEngagementSummary, buildInvitationMail, buildManagerRequestMail, buildReminderMail } from '../../support/mail-builders.ts';
import { createTestMail, mailConfig, PUBLIC_URL, TestClock } from './mail-test-kit.ts';

describe('outbox without SMTP_URL (.eml files)', () => {
  const db = useTestDatabase('mail_eml');
  const dataDirs: string[] = [];

  after(() => {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when no SMTP_URL is set, then each mail is written as an .eml file under the data directory and its path is logged', async () => {
    const clock = new TestClock();
    const { config, dataDir } = mailConfig();
    dataDirs.push(dataDir);
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const mail = await createTestMail(db.connection, clock);
    const invitation = buildInvitationMail({ recipient: { name: 'Ada & <Co>', email: 'ada@example.test' }, token: 'tok_file' });
    const queued = await mail.queueInvitation(invitation);
    const worker = new OutboxWorker({ connection: db.connection, transport: createMailTransport(config, logger), logger, now: clock.now });

    const outcomes = await worker.drain();
    await worker.stop();

    const file = path.join(dataDir, 'outbox', `invitation-${queued.id}.eml`);
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(config.outboxDir).to.equal(path.join(dataDir, 'outbox'));
    const parsed = await simpleParser(fs.readFileSync(file));
    expect(parsed.to).to.deep.include({ text: '"Ada & <Co>" <ada@example.test>' });
    expect(parsed.text).to.include(`${PUBLIC_URL}/i/tok_file`);
    expect(parsed.html).to.include('Hello Ada &amp; &lt;Co&gt;,');
    const logged = lines.find((l) => l.msg === 'mail written to file (no SMTP_URL)');
    expect(logged).to.include({ path: file, outboxId: queued.id });
    expect(JSON.stringify(lines)).not.to.include('ada@example.test');
    const [entry] = await mail.listOutbox(invitation.engagement.id);
    expect(entry.state).to.equal('sent');
  });

  it('when the same mail is delivered twice (a crash before it was marked sent), then one file holds it', async () => {
    const { config, dataDir } = mailConfig();
    dataDirs.push(dataDir);
    const transport = createMailTransport(config, pino({ level: 'silent' }));
    const outgoing = { outboxId: 'abc123', kind: 'reminder', messageId: '<abc123@tailor.test>', to: { name: 'A', email: 'a@example.test' }, subject: 'S', html: '<p>H</p>', text: 'T' };

    await transport.send(outgoing);
    await transport.send(outgoing);
    transport.close();

    expect(fs.readdirSync(config.outboxDir)).to.deep.equal(['reminder-abc123.eml']);
  });

  describe('erasing a person', () => {
    // Each test its own engagement and person: a mail's dedupe key names both.
    let engagement: EngagementSummary;
    let ada: { personId: string; email: string };
    beforeEach(() => {
      engagement = buildEngagementSummary();
      ada = { personId: new Types.ObjectId().toHexString(), email: 'ada@example.test' };
    });
    const erase = (mail: Mail) => db.connection.transaction((session) => mail.eraseMailOf(session, { engagementId: engagement.id, ...ada }));

    /** The mail component writing .eml files into a data directory of the test's own. */
    async function emlMail(clock: TestClock) {
      const { config, dataDir } = mailConfig();
      dataDirs.push(dataDir);
      const mail = createMail({ connection: db.connection, config, publicUrl: PUBLIC_URL, logger: silentLogger, now: clock.now });
      await mail.ensureReady();
      const transport = createMailTransport(config, silentLogger);
      const worker = new OutboxWorker({ connection: db.connection, transport, logger: silentLogger, now: clock.now, owner: `w-${dataDir}` });
      const files = () => (fs.existsSync(config.outboxDir) ? fs.readdirSync(config.outboxDir).sort() : []);
      return { mail, transport, worker, files };
    }

    it('when an erasure has touched the mail of a person, then removeMailFiles takes the .eml copies of it, to them and about them, and leaves everyone else\'s', async () => {
      const clock = new TestClock();
      const { mail, worker, files } = await emlMail(clock);
      await mail.queueInvitation(buildInvitationMail({ engagement, ...ada, recipient: { name: 'Ada Quistgaard', email: ada.email } }));
      await mail.queueReminder(buildReminderMail({ engagement, ...ada, recipient: { name: 'Ada Quistgaard', email: ada.email } }));
      await mail.queueManagerRequest(buildManagerRequestMail({ engagement, report: { personId: ada.personId, name: 'Ada Quistgaard' } }));
      const toOtto = await mail.queueInvitation(buildInvitationMail({ engagement }));
      await worker.drain();
      await worker.stop();

      const erasure = await erase(mail);
      const untilCommitted = files();
      const removed = await mail.removeMailFiles(erasure.mails);

      expect(erasure).to.include({ deleted: 0, blanked: 3 });
      expect(untilCommitted).to.have.length(4);
      expect(removed).to.equal(3);
      expect(files()).to.deep.equal([`invitation-${toOtto.id}.eml`]);
    });

    it('when a person is erased while a mail to them is about to be written, then the worker takes that copy back once it finds the mail gone', async () => {
      const clock = new TestClock();
      const { mail, transport, worker, files } = await emlMail(clock);
      const invitation = await mail.queueInvitation(buildInvitationMail({ engagement, ...ada, recipient: { name: 'Ada Quistgaard', email: ada.email } }));
      const gate = gateFirstCall(transport, 'send', { holdBefore: true });

      const drained = worker.drain();
      await gate.reached;
      const erasure = await erase(mail);
      const removedByErasure = await mail.removeMailFiles(erasure.mails);
      gate.open();
      const outcomes = await drained;
      await worker.stop();

      expect(erasure.deleted).to.equal(1);
      expect(removedByErasure).to.equal(0);
      expect(outcomes).to.deep.equal([{ id: invitation.id, outcome: 'sent', leaseLost: true }]);
      expect(files()).to.deep.equal([]);
    });
  });
});
