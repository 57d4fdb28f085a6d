import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { createSmtpTransport, OutboxWorker } from '../../../src/mail/index.ts';
import { reminderSource } from '../../../src/notifications/index.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildTestApp, type TestApp } from '../../support/build-test-app.ts';
import { addPeople, answerEverything, bearer, buildPersonInput, createEngagement, type AddedPerson } from '../../support/intake-builders.ts';
import { signInConsultant } from '../../support/consultant-pages.ts';
import { SmtpTestServer } from '../../support/smtp-test-server.ts';
import type { OutboxMail } from '../../../src/mail/data-access/outbox-repository.ts';

/** An outbox row as stored (the repository's plain shape, less its id). */
type StoredMail = Omit<OutboxMail, 'id'>;

describe('DELETE /api/v1/engagements/:engagementId/people/:personId (the outbox)', () => {
  const db = useTestDatabase('engagements_erasure_outbox');
  const outbox = () => db.connection.collection<StoredMail>('outbox');
  const rowsOf = async (engagementId: string) => outbox().find({ engagementId }, { sort: { dedupeKey: 1 } }).toArray();
  let smtp: SmtpTestServer;
  let port: number;

  beforeEach(async () => {
    smtp = new SmtpTestServer();
    port = await smtp.start();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  const workerFor = (t: TestApp, owner: string) => new OutboxWorker({
    connection: db.connection, transport: createSmtpTransport(SmtpTestServer.url(port), 'Tailor <tailor@tailor.test>'), logger: silentLogger, now: t.clock.now, owner,
  });

  async function submitIntake(t: TestApp, token: string) {
    const bank = (await request(t.app).get('/api/v1/me/intake').set(bearer(token))).body.bank;
    await request(t.app).put('/api/v1/me/intake').set(bearer(token)).send({ answers: answerEverything(bank), version: 0 });
    expect((await request(t.app).post('/api/v1/me/intake/submit').set(bearer(token))).status).to.equal(200);
  }

  /**
   * Ada (reporting to Margaret) and Otto, with: every first invitation sent, a reminder to Ada sent,
   * Margaret's request to review Ada's tasks sent, and a re-issued invitation each for Ada and Otto queued.
   */
  async function arrangeMailAboutAda(t: TestApp) {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [manager, ada, otto] = await addPeople(t.app, t.adminToken, engagement.id, [
      buildPersonInput({ name: 'Margaret Lead', email: 'margaret@northwind.test', roleLevel: 'manager' }),
      buildPersonInput({ name: 'Ada Quistgaard', email: 'ada.quistgaard@northwind.test', managerEmail: 'margaret@northwind.test' }),
      buildPersonInput({ name: 'Otto Other', email: 'otto@northwind.test' }),
    ]);
    await t.components.mail.queueReminder({
      engagement: { id: engagement.id, name: 'Readiness', client: 'Northwind', timeZone: 'Europe/Berlin' }, personId: ada.id,
      recipient: { name: 'Ada Quistgaard', email: ada.email }, invitedAt: t.clock.now(), day: 3, expiresAt: new Date('2026-12-31T00:00:00Z'),
    });
    await submitIntake(t, ada.token);
    const worker = workerFor(t, 'w-before');
    await worker.drain();
    await worker.stop();
    t.clock.advanceDays(1);
    const reissued = await Promise.all([ada, otto].map(async (person) => {
      const res = await request(t.app).post(`/api/v1/engagements/${engagement.id}/people/${person.id}/token`).set(bearer(t.adminToken));
      expect(res.status).to.equal(201);
      return res.body.token as string;
    }));
    return { engagement, manager, ada, otto, adaTokens: [ada.token, reissued[0]] };
  }

  const erase = (t: TestApp, engagementId: string, person: AddedPerson) =>
    request(t.app).delete(`/api/v1/engagements/${engagementId}/people/${person.id}`).set(bearer(t.adminToken));

  it('when a person with a queued invitation, a sent reminder and a manager request about them is erased, then nothing in the outbox names them and nothing more is sent to them', async () => {
    const t = buildTestApp(db.connection);
    const { engagement, manager, ada, otto, adaTokens } = await arrangeMailAboutAda(t);
    const before = await rowsOf(engagement.id);
    expect(before.filter((m) => m.recipient.email === ada.email).map((m) => `${m.kind}:${m.state}`).sort()).to.deep.equal(['invitation:queued', 'invitation:sent', 'reminder:sent']);
    const sentToAda = smtp.to(ada.email).length;

    const res = await erase(t, engagement.id, ada);

    expect(res.status).to.equal(204);
    const after = await rowsOf(engagement.id);
    const stored = JSON.stringify(after);
    for (const secret of ['Ada Quistgaard', 'Quistgaard', ada.email, ...adaTokens]) expect(stored, secret).not.to.include(secret);
    expect(after.filter((m) => m.dedupeKey.startsWith(`invitation:${ada.id}:`)).map((m) => m.state)).to.deep.equal(['sent']);
    const reminder = after.find((m) => m.dedupeKey.startsWith(`reminder:${ada.id}:`))!;
    expect(reminder).to.include({ state: 'sent', html: '', text: '', deliveryNote: null });
    expect(reminder.recipient.name).to.equal('Erased person');
    const managerRequest = after.find((m) => m.kind === 'manager-request')!;
    expect(managerRequest).to.include({ state: 'sent', html: '', text: '' });
    expect(managerRequest.recipient).to.deep.equal({ name: 'Margaret Lead', email: manager.email });
    const untouched = (rows: StoredMail[]) => rows.filter((m) => m.recipient.email === otto.email || (m.recipient.email === manager.email && m.kind === 'invitation'));
    expect(untouched(after)).to.deep.equal(untouched(before));
    const worker = workerFor(t, 'w-after');
    const outcomes = await worker.drain();
    await worker.stop();
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['sent']);
    expect(smtp.to(ada.email)).to.have.length(sentToAda);
    expect(smtp.to(otto.email)).to.have.length(2);
  });

  it('when a person has been erased, then the outbox listing still counts their mails and shows them as an erased person', async () => {
    const t = buildTestApp(db.connection);
    const { engagement, ada } = await arrangeMailAboutAda(t);
    await erase(t, engagement.id, ada);

    const res = await request(t.app).get(`/api/v1/engagements/${engagement.id}/outbox`).set(bearer(t.adminToken));
    // The pages' session cookie is dated by the wall clock, so the page is read through an app on it.
    const pages = buildTestApp(db.connection, { env: { TAILOR_SECRET: 'a-test-secret-for-csrf-tokens-0123456789' }, overrides: { now: () => new Date() } });
    const page = await (await signInConsultant(pages.app, pages.adminToken)).agent.get(`/consultant/engagements/${engagement.id}/outbox`);

    expect(res.status).to.equal(200);
    const kinds = res.body.mails.map((m: { kind: string; recipient: { name: string }; state: string }) => `${m.kind}:${m.recipient.name}:${m.state}`).sort();
    expect(kinds).to.deep.equal([
      'invitation:Erased person:sent', 'invitation:Margaret Lead:sent', 'invitation:Otto Other:queued', 'invitation:Otto Other:sent',
      'manager-request:Margaret Lead:sent', 'reminder:Erased person:sent',
    ]);
    expect(JSON.stringify(res.body)).not.to.include('Quistgaard');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Erased person');
    expect(page.text).not.to.include('Quistgaard');
  });

  it('when the erasure fails after the outbox was cleaned, then the outbox is left exactly as it was', async () => {
    const t = buildTestApp(db.connection, { overrides: { hooks: { onPersonErased: async () => { throw new Error('audit store unavailable'); } } } });
    const { engagement, ada } = await arrangeMailAboutAda(t);
    const before = await rowsOf(engagement.id);

    const res = await erase(t, engagement.id, ada);

    expect(res.status).to.equal(500);
    expect(await rowsOf(engagement.id)).to.deep.equal(before);
    const people = (await request(t.app).get(`/api/v1/engagements/${engagement.id}/people`).set(bearer(t.adminToken))).body.people;
    expect(people.map((p: { id: string }) => p.id)).to.include(ada.id);
  });

  /** Ada, invited three days ago so a reminder is due, and a reminder source that lists only this test's engagement. */
  async function dueReminder(t: TestApp) {
    const engagement = await createEngagement(t.app, t.adminToken);
    const [person] = await addPeople(t.app, t.adminToken, engagement.id, [buildPersonInput({ name: 'Ada Quistgaard' })]);
    t.clock.advanceDays(3);
    const source = reminderSource(() => t.components);
    const listCandidates = source.listCandidates.bind(source);
    // Only this test's engagement: the database holds the other tests' people too.
    const listOwn = async (now: Date) => (await listCandidates(now)).filter((c) => c.engagement.id === engagement.id);
    source.listCandidates = listOwn;
    return { engagement, person, source, listOwn };
  }

  const liveLinksOf = (person: AddedPerson) => db.connection.collection('credentials').countDocuments({ subjectId: new Types.ObjectId(person.id), revokedAt: { $exists: false } });

  it('when a person is erased while the reminder pass is under way, then no reminder to them is queued and no link is issued to them', async () => {
    const t = buildTestApp(db.connection);
    const { engagement, person, source, listOwn } = await dueReminder(t);
    // The pass has listed the person as due; the erasure commits before their reminder is queued.
    source.listCandidates = async (now) => {
      const candidates = await listOwn(now);
      expect((await erase(t, engagement.id, person)).status).to.equal(204);
      return candidates;
    };

    const result = await t.components.mail.runReminderPass(source);

    expect(result).to.include({ due: 1, queued: 0, gone: 1, failed: 0 });
    expect(await outbox().countDocuments({ engagementId: engagement.id, kind: 'reminder' })).to.equal(0);
    expect(await liveLinksOf(person)).to.equal(0);
  });

  it('when a person is erased while their reminder\'s own transaction is open, then no reminder to them stays queued and no link of theirs works', async () => {
    const t = buildTestApp(db.connection);
    const { engagement, person, source } = await dueReminder(t);
    const issueLink = source.issueLink!.bind(source);
    let erasure: Promise<{ status: number }> | undefined;
    source.issueLink = async (who, session) => {
      const link = await issueLink(who, session);
      // The reminder's link is issued, its mail not queued yet: the consultant erases the person now
      // (once: the reminder's transaction may run again after a conflict).
      if (!erasure) {
        erasure = erase(t, engagement.id, person).then((res) => res);
        // Long enough for an erasure that nothing holds back to commit before the reminder is queued.
        await Promise.race([erasure, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      return link;
    };

    await t.components.mail.runReminderPass(source);
    expect((await erasure!).status).to.equal(204);

    expect(await outbox().countDocuments({ engagementId: engagement.id, kind: 'reminder', 'recipient.email': person.email })).to.equal(0);
    expect(await liveLinksOf(person)).to.equal(0);
  });
});
