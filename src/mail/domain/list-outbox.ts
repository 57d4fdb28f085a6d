import type { OutboxRepository } from '../data-access/outbox-repository.ts';
import type { OutboxState } from '../data-access/outbox-model.ts';

/** One mail as the consultant sees it: where it stands and why it failed, never its body. */
export interface OutboxEntry {
  id: string;
  kind: string;
  recipient: { name: string; email: string };
  subject: string;
  state: OutboxState;
  attempts: number;
  queuedAt: Date;
  /** When the next attempt is due, while the mail is waiting to be (re)tried. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/**
 * The engagement's mails, newest first. Bodies are left out: invitations and reminders carry a
 * personal sign-in link meant for one person only.
 */
export async function listOutbox(outbox: OutboxRepository, engagementId: string): Promise<OutboxEntry[]> {
  const mails = await outbox.listByEngagement(engagementId);
  return mails.map((mail) => ({
    id: mail.id,
    kind: mail.kind,
    recipient: mail.recipient,
    subject: mail.subject,
    state: mail.state,
    attempts: mail.attempts,
    queuedAt: mail.queuedAt,
    nextAttemptAt: mail.state === 'queued' ? mail.nextAttemptAt : null,
    sentAt: mail.sentAt,
    lastError: mail.lastError,
    lastErrorAt: mail.lastErrorAt,
  }));
}
