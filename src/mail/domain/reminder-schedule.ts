import { DateTime } from 'luxon';
import type { EngagementSummary, Recipient } from './mail-types.ts';

/** Someone invited to an engagement, as the engagements/intake side reports them to the reminder pass. */
export interface ReminderCandidate {
  engagement: EngagementSummary;
  personId: string;
  recipient: Recipient;
  /**
   * When the person was last invited by a consultant (the first invitation or a re-issue). The cadence
   * counts from here; a link issued for a reminder must not move it, or reminders would never end.
   */
  invitedAt: Date;
  /** When the invitation's link stops working. */
  expiresAt?: Date;
  /** Set once the person submitted their intake: reminders stop. */
  submittedAt?: Date | null;
  /** The person saved a draft but has not submitted. */
  hasDraft?: boolean;
}

/** A reminder that should go out now: which person, and which day of the cadence it stands for. */
export interface DueReminder {
  candidate: ReminderCandidate;
  day: number;
}

export interface ReminderRules {
  /** Days after the invitation (config.mail.reminderDays, default [3, 7]). */
  reminderDays: readonly number[];
  now: Date;
  /** True when each reminder carries a freshly issued link, so an expired invitation link does not matter. */
  canIssueLinks: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// The sessions' working hours too: a nudge about work arrives while people are at work.
const WORKING_HOURS = { from: 9, to: 17 };

/**
 * Who is due a reminder now. Only the latest due day of the cadence is returned per person, so
 * a pass that runs late (the service was down over day 3 and day 7) sends one reminder, not two.
 * People who submitted are never due, and neither are people whose link expired and cannot be renewed
 * (a reminder pointing at a dead link helps nobody; the consultant re-issues instead).
 * Whether the reminder for that day was already sent is the outbox's dedupe key's business, not this function's.
 * A due reminder waits for a working day and working hours in the engagement's zone: the cadence counts from
 * the invitation's instant, which a consultant elsewhere may have sent in the evening or before a weekend there.
 */
export function selectDueReminders(candidates: readonly ReminderCandidate[], rules: ReminderRules): DueReminder[] {
  const days = [...new Set(rules.reminderDays)].filter((d) => d > 0).sort((a, b) => b - a);
  const now = rules.now.getTime();
  const due: DueReminder[] = [];
  const isWorkingTimeIn = new Map<string, boolean>();
  for (const candidate of candidates) {
    if (candidate.submittedAt) continue;
    const zone = candidate.engagement.timeZone;
    if (!isWorkingTimeIn.has(zone)) isWorkingTimeIn.set(zone, isWorkingTime(rules.now, zone));
    if (!isWorkingTimeIn.get(zone)) continue;
    if (!rules.canIssueLinks && candidate.expiresAt && candidate.expiresAt.getTime() <= now) continue;
    const elapsed = now - candidate.invitedAt.getTime();
    const day = days.find((d) => d * DAY_MS <= elapsed);
    if (day !== undefined) due.push({ candidate, day });
  }
  return due;
}

function isWorkingTime(now: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(now, { zone });
  // Engagements validate their zone; were one bad, its reminders are better sent than held back for ever.
  if (!local.isValid) return true;
  return local.weekday <= 5 && local.hour >= WORKING_HOURS.from && local.hour < WORKING_HOURS.to;
}
