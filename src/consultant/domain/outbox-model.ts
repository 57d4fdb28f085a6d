import type { OutboxEntry } from '../../mail/index.ts';

const KIND_LABELS: Readonly<Record<string, string>> = {
  invitation: 'Invitation',
  reminder: 'Reminder',
  'manager-request': 'Review request to a manager',
  'department-complete': 'Department complete (to you)',
  brief: 'Personal brief',
};

const STATE_LABELS: Readonly<Record<string, string>> = {
  queued: 'Waiting to be sent',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  withheld: 'Demo: never sent',
};

const STATE_ORDER = ['failed', 'queued', 'sending', 'sent', 'withheld'];

/**
 * The outbox as the consultant reads it: failed mail first and in full (with its last error), then
 * counts per state and every mail, newest first. Recipients' names are what the consultant typed.
 */
export function outboxModel(mails: readonly OutboxEntry[]) {
  const rows = mails.map(rowOf);
  const counts = STATE_ORDER.map((state) => ({ state, label: STATE_LABELS[state], count: mails.filter((m) => m.state === state).length })).filter((c) => c.count > 0);
  return { failed: rows.filter((r) => r.state === 'failed'), rows, counts, isEmpty: rows.length === 0 };
}

function rowOf(mail: OutboxEntry) {
  return {
    id: mail.id,
    kind: KIND_LABELS[mail.kind] ?? mail.kind,
    recipientName: mail.recipient.name,
    recipientEmail: mail.recipient.email,
    subject: mail.subject,
    state: mail.state,
    stateLabel: STATE_LABELS[mail.state] ?? mail.state,
    attempts: mail.attempts,
    queuedAt: minutes(mail.queuedAt),
    sentAt: mail.sentAt ? minutes(mail.sentAt) : '',
    nextAttemptAt: mail.nextAttemptAt ? minutes(mail.nextAttemptAt) : '',
    lastError: mail.lastError ?? '',
    lastErrorAt: mail.lastErrorAt ? minutes(mail.lastErrorAt) : '',
  };
}

/** Times to the minute, in UTC and said so: the outbox spans engagements in many zones. */
function minutes(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
