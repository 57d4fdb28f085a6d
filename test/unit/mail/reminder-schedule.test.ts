import { expect } from 'chai';
import { selectDueReminders } from '../../../src/mail/index.ts';
import { buildEngagementSummary, buildReminderCandidate } from '../../support/mail-builders.ts';

const DAY = 24 * 60 * 60 * 1000;
// A Tuesday, 10:00 in Berlin (the builders' engagement zone): every cadence day below is a working day.
const invitedAt = new Date('2025-09-30T08:00:00Z');
const after = (days: number, extraMs = 0) => new Date(invitedAt.getTime() + days * DAY + extraMs);
const rules = (now: Date, reminderDays = [3, 7]) => ({ reminderDays, now, canIssueLinks: false });

describe('selectDueReminders', () => {
  it('when fewer than three days passed, then nobody is due', () => {
    const due = selectDueReminders([buildReminderCandidate({ invitedAt })], rules(after(3, -1)));

    expect(due).to.deep.equal([]);
  });

  it('when exactly three days passed, then the day-3 reminder is due', () => {
    const candidate = buildReminderCandidate({ invitedAt });

    const due = selectDueReminders([candidate], rules(after(3)));

    expect(due).to.deep.equal([{ candidate, day: 3 }]);
  });

  it('when between day 3 and day 7, then it is still the day-3 reminder (the outbox dedupes it)', () => {
    const due = selectDueReminders([buildReminderCandidate({ invitedAt })], rules(after(6)));

    expect(due.map((d) => d.day)).to.deep.equal([3]);
  });

  it('when a pass runs late past day 7, then only the day-7 reminder is due, not both', () => {
    const due = selectDueReminders([buildReminderCandidate({ invitedAt })], rules(after(9)));

    expect(due.map((d) => d.day)).to.deep.equal([7]);
  });

  it('when the person submitted, then no reminder is due', () => {
    const due = selectDueReminders([buildReminderCandidate({ invitedAt, submittedAt: after(1) })], rules(after(7)));

    expect(due).to.deep.equal([]);
  });

  it('when the link expired and none can be issued, then no reminder is due; when links can be issued, it is', () => {
    const candidate = buildReminderCandidate({ invitedAt, expiresAt: after(5) });

    const withoutIssuer = selectDueReminders([candidate], rules(after(7)));
    const withIssuer = selectDueReminders([candidate], { ...rules(after(7)), canIssueLinks: true });

    expect(withoutIssuer).to.deep.equal([]);
    expect(withIssuer.map((d) => d.day)).to.deep.equal([7]);
  });

  it('when the cadence is configured, then it is followed whatever its order', () => {
    const due = selectDueReminders([buildReminderCandidate({ invitedAt })], rules(after(2), [5, 1, 2]));

    expect(due.map((d) => d.day)).to.deep.equal([2]);
  });

  it('when the day falls on a weekend in the engagement\'s zone, then the reminder waits for Monday morning there', () => {
    const candidate = buildReminderCandidate({ invitedAt: new Date('2025-10-02T08:00:00Z') }); // Thursday, 10:00 in Berlin

    const sunday = selectDueReminders([candidate], rules(new Date('2025-10-05T09:00:00Z')));
    const mondayMorning = selectDueReminders([candidate], rules(new Date('2025-10-06T07:00:00Z')));

    expect(sunday).to.deep.equal([]);
    expect(mondayMorning).to.deep.equal([{ candidate, day: 3 }]);
  });

  it('when the day comes at night in the engagement\'s zone, then the reminder waits for working hours there', () => {
    const engagement = buildEngagementSummary({ timeZone: 'Asia/Tokyo' });
    const candidate = buildReminderCandidate({ engagement, invitedAt: new Date('2025-09-30T14:00:00Z') }); // Tuesday, 23:00 in Tokyo

    const night = selectDueReminders([candidate], rules(new Date('2025-10-03T14:00:00Z'))); // Friday, 23:00 there
    const saturdayMorning = selectDueReminders([candidate], rules(new Date('2025-10-04T00:00:00Z')));
    const mondayMorning = selectDueReminders([candidate], rules(new Date('2025-10-06T00:00:00Z')));

    expect(night).to.deep.equal([]);
    expect(saturdayMorning).to.deep.equal([]);
    expect(mondayMorning).to.deep.equal([{ candidate, day: 3 }]);
  });

  it('when several people are listed, then each is judged on their own invitation', () => {
    const early = buildReminderCandidate({ invitedAt: after(-8) });
    const recent = buildReminderCandidate({ invitedAt: after(-1) });
    const done = buildReminderCandidate({ invitedAt: after(-8), submittedAt: after(-2) });

    const due = selectDueReminders([early, recent, done], rules(invitedAt));

    expect(due.map((d) => [d.candidate.personId, d.day])).to.deep.equal([[early.personId, 7]]);
  });
});
