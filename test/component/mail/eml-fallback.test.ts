import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { createMailTransport, OutboxWorker } from '../../../src/mail/index.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildInvitationMail } from '../../support/mail-builders.ts';
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
});
