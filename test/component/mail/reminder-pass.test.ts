import { expect } from 'chai';
import type { ClientSession } from 'mongoose';
import type { ReminderCandidate, ReminderSource } from '../../../src/mail/index.ts';
import { createAccess } from '../../../src/access/index.ts';
import { createOutboxRepository } from '../../../src/mail/data-access/outbox-repository.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { useTestDatabase } from '../../support/database.ts';
import { buildEngagementSummary, buildReminderCandidate } from '../../support/mail-builders.ts';
import { createTestMail, TestClock } from './mail-test-kit.ts';

const DAY = 24 * 60 * 60 * 1000;
// 10:00 in Berlin (the builders' zone): days 3 and 7 after it are working days, when reminders go out.
const A_TUESDAY_MORNING = '2025-09-30T08:00:00Z';

/** The port as the lead will wire it, fed from a plain list the test controls. */
function listSource(candidates: ReminderCandidate[]): ReminderSource {
  return { listCandidates: async () => candidates };
}

describe('reminder pass', () => {
  const db = useTestDatabase('mail_reminders');

  it('when the cadence days pass, then one reminder per day is queued and repeated passes add nothing', async () => {
    const clock = new TestClock(A_TUESDAY_MORNING);
    const mail = await createTestMail(db.connection, clock);
    const engagement = buildEngagementSummary();
    const candidate = buildReminderCandidate({ engagement, invitedAt: clock.now() });
    const source = listSource([candidate]);

    const early = await mail.runReminderPass(source);
    clock.advance(3 * DAY);
    const dayThree = await mail.runReminderPass(source);
    const dayThreeAgain = await mail.runReminderPass(source);
    clock.advance(4 * DAY);
    const daySeven = await mail.runReminderPass(source);

    expect(early).to.deep.equal({ due: 0, queued: 0, alreadyQueued: 0, gone: 0, failed: 0 });
    expect(dayThree).to.include({ due: 1, queued: 1 });
    expect(dayThreeAgain).to.include({ due: 1, queued: 0, alreadyQueued: 1 });
    expect(daySeven).to.include({ due: 1, queued: 1 });
    const entries = await mail.listOutbox(engagement.id);
    expect(entries.map((e) => e.kind)).to.deep.equal(['reminder', 'reminder']);
  });

  it('when the person submits, then no further reminder is queued', async () => {
    const clock = new TestClock(A_TUESDAY_MORNING);
    const mail = await createTestMail(db.connection, clock);
    const engagement = buildEngagementSummary();
    const candidate = buildReminderCandidate({ engagement, invitedAt: clock.now() });
    clock.advance(3 * DAY);
    await mail.runReminderPass(listSource([candidate]));

    clock.advance(4 * DAY);
    const afterSubmit = await mail.runReminderPass(listSource([{ ...candidate, submittedAt: new Date(clock.now().getTime() - DAY) }]));

    expect(afterSubmit.due).to.equal(0);
    expect(await mail.listOutbox(engagement.id)).to.have.length(1);
  });

  it('when the source issues links, then the reminder carries a fresh link issued in the same transaction, once', async () => {
    const clock = new TestClock(A_TUESDAY_MORNING);
    const mail = await createTestMail(db.connection, clock);
    const candidate = buildReminderCandidate({ invitedAt: clock.now() });
    const issued: string[] = [];
    const source: ReminderSource = {
      listCandidates: async () => [candidate],
      issueLink: async (person, session: ClientSession) => {
        expect(session.inTransaction()).to.equal(true);
        expect(person.engagementId).to.equal(candidate.engagement.id);
        issued.push(person.personId);
        return { token: `fresh_${issued.length}`, expiresAt: new Date(clock.now().getTime() + 30 * DAY) };
      },
    };
    clock.advance(3 * DAY);

    await mail.runReminderPass(source);
    await mail.runReminderPass(source);

    expect(issued).to.deep.equal([candidate.personId]);
    const [entry] = await mail.listOutbox(candidate.engagement.id);
    const stored = await createOutboxRepository(db.connection).findByDedupeKey(`reminder:${candidate.personId}:3:${candidate.invitedAt.toISOString()}`);
    expect(entry.kind).to.equal('reminder');
    expect(stored?.text).to.include('/i/fresh_1');
  });

  it('when two instances run the pass at once with real access tokens, then one reminder is queued and the loser\'s token is rolled back', async () => {
    const clock = new TestClock(A_TUESDAY_MORNING);
    const mail = await createTestMail(db.connection, clock);
    const config = loadConfig({});
    const access = createAccess({ connection: db.connection, config: config.access, schemas: new SchemaRegistry(config.paths.schemas), now: clock.now });
    const candidate = buildReminderCandidate({ invitedAt: clock.now() });
    const tokens: string[] = [];
    const source: ReminderSource = {
      listCandidates: async () => [candidate],
      issueLink: async (person, session) => {
        const issued = await access.issuePersonToken(session, person);
        tokens.push(issued.token);
        return issued;
      },
    };
    clock.advance(3 * DAY);

    const results = await Promise.all([mail.runReminderPass(source), mail.runReminderPass(source)]);

    expect(results.map((r) => r.queued).sort()).to.deep.equal([0, 1]);
    expect(results.map((r) => r.failed)).to.deep.equal([0, 0]);
    const stored = await createOutboxRepository(db.connection).findByDedupeKey(`reminder:${candidate.personId}:3:${candidate.invitedAt.toISOString()}`);
    const live = [];
    for (const token of tokens) if ('actor' in (await access.checkToken(token))) live.push(token);
    expect(live).to.have.length(1);
    expect(stored?.text).to.include(`/i/${live[0]}`);
  });
});
