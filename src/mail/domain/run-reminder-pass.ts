import type { ClientSession } from 'mongoose';
import type { Logger } from '../../platform/logger.ts';
import type { OutboxRepository } from '../data-access/outbox-repository.ts';
import { reminderDedupeKey, type MailQueue } from './queue-mail.ts';
import { selectDueReminders, type ReminderCandidate } from './reminder-schedule.ts';

/**
 * The port through which the reminder pass learns who was invited and who submitted, so mail never
 * imports the engagements or intake components. The lead wires it to their public surfaces.
 */
export interface ReminderSource {
  /** Everyone invited to an open engagement, with their submission state. */
  listCandidates(now: Date): Promise<ReminderCandidate[]>;
  /**
   * Optional: issues a fresh personal link for a reminder inside `session`, so the token and the
   * reminder carrying it commit together (or not at all). Without it, reminders point to the invitation.
   * Null when the person is no longer on the roster (erased since the pass listed them): no reminder then.
   */
  issueLink?(person: { personId: string; engagementId: string }, session: ClientSession): Promise<{ token: string; expiresAt: Date } | null>;
}

export interface ReminderPassDeps {
  queue: MailQueue;
  outbox: OutboxRepository;
  reminderDays: readonly number[];
  /** Runs `work` in a transaction (the connection's), retrying transient conflicts. */
  withTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T>;
  logger: Logger;
}

/** What one pass did, in counts. */
export interface ReminderPassResult {
  due: number;
  queued: number;
  alreadyQueued: number;
  /** Due, but the person was erased after the pass listed them. */
  gone: number;
  failed: number;
}

class AlreadyQueued extends Error {}
class PersonGone extends Error {}

/** A duplicate on the outbox's dedupe key, not on anything the link issuer wrote. */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 11000 && typeof e.message === 'string' && e.message.includes('dedupeKey');
}

/**
 * Queues every reminder due at `now`. Safe to run as often as wanted and on several instances at
 * once: each reminder's dedupe key lets only one be queued, and a link issued for a reminder that
 * turns out to exist already is rolled back with its transaction.
 */
export async function runReminderPass(deps: ReminderPassDeps, source: ReminderSource, now: Date): Promise<ReminderPassResult> {
  const candidates = await source.listCandidates(now);
  const due = selectDueReminders(candidates, { reminderDays: deps.reminderDays, now, canIssueLinks: Boolean(source.issueLink) });
  const result: ReminderPassResult = { due: due.length, queued: 0, alreadyQueued: 0, gone: 0, failed: 0 };
  for (const { candidate, day } of due) {
    const mail = { engagement: candidate.engagement, personId: candidate.personId, recipient: candidate.recipient, invitedAt: candidate.invitedAt, day, expiresAt: candidate.expiresAt, hasDraft: candidate.hasDraft };
    try {
      if (await deps.outbox.hasDedupeKey(reminderDedupeKey(candidate.personId, day, candidate.invitedAt))) {
        result.alreadyQueued += 1;
        continue;
      }
      const issueLink = source.issueLink?.bind(source);
      const queued = issueLink
        ? await deps.withTransaction(async (session) => {
          const link = await issueLink({ personId: candidate.personId, engagementId: candidate.engagement.id }, session);
          if (!link) throw new PersonGone();
          const outcome = await deps.queue.queueReminder({ ...mail, token: link.token, expiresAt: link.expiresAt }, session);
          if (!outcome.isNew) throw new AlreadyQueued();
          return outcome;
        })
        : await deps.queue.queueReminder(mail);
      if (queued.isNew) result.queued += 1;
      else result.alreadyQueued += 1;
    } catch (error) {
      // Another instance queued the same reminder in a concurrent transaction; depending on the store,
      // ours either saw the row (AlreadyQueued) or hit the unique dedupe index at commit. Both roll back our link.
      if (error instanceof AlreadyQueued || isDuplicateKey(error)) {
        result.alreadyQueued += 1;
        continue;
      }
      if (error instanceof PersonGone) {
        result.gone += 1;
        continue;
      }
      // One person's failure must not keep everyone else's reminder back; the next pass retries it.
      result.failed += 1;
      deps.logger.error({ err: error, personId: candidate.personId, engagementId: candidate.engagement.id, day }, 'reminder could not be queued');
    }
  }
  deps.logger.info({ ...result }, 'reminder pass done');
  return result;
}
