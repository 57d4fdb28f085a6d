import type { Logger } from '../../platform/logger.ts';
import type { MailTransport } from '../data-access/mail-transport.ts';
import type { OutboxMail, OutboxRepository } from '../data-access/outbox-repository.ts';
import { decideAfterFailure, describeFailure, type RetryPolicy } from './retry-policy.ts';

/** What one delivery attempt did. */
export type DeliveryOutcome = { id: string; outcome: 'sent' | 'retry' | 'failed'; leaseLost: boolean };

export interface DeliveryDeps {
  outbox: OutboxRepository;
  transport: MailTransport;
  policy: RetryPolicy;
  /** This worker's lease name; unique per process. */
  owner: string;
  now: () => Date;
  logger: Logger;
}

// Mails whose body carries a personal sign-in link: once final, their bodies are cleared so the
// outbox does not keep usable tokens that the access component only stores as hashes.
const KINDS_WITH_CREDENTIALS = new Set(['invitation', 'reminder', 'manager-request', 'brief']);

/**
 * Claims the oldest due mail, sends it, and records the outcome. Null when nothing is due.
 * Delivery is at least once: if the process dies after the SMTP server accepted the mail but
 * before it is marked sent, the lease expires and the mail is sent again with the same Message-ID.
 */
export async function deliverNextMail(deps: DeliveryDeps): Promise<DeliveryOutcome | null> {
  const { outbox, transport, policy, owner, now, logger } = deps;
  const mail = await outbox.claimNext(owner, now(), policy.leaseMs);
  if (!mail) return null;
  const facts = { outboxId: mail.id, kind: mail.kind, engagementId: mail.engagementId, attempts: mail.attempts };
  // Claimed past the cap only when every earlier attempt ended with its worker gone (its lease ran out):
  // a mail that brings the worker down must not be tried forever.
  if (mail.attempts > policy.maxAttempts) {
    const error = `Given up: the worker stopped during each of the ${mail.attempts - 1} attempts, without a reply recorded.`;
    const isMarked = await outbox.endAttempt(mail.id, owner, { state: 'failed', at: now(), error, clearBodies: KINDS_WITH_CREDENTIALS.has(mail.kind) });
    logger.error(facts, 'mail given up after its workers stopped on every attempt');
    return { id: mail.id, outcome: 'failed', leaseLost: !isMarked };
  }

  let note: string;
  try {
    note = (await transport.send(toOutgoing(mail), AbortSignal.timeout(policy.leaseMs * 0.9))).note;
  } catch (error) {
    return recordFailure(deps, mail, error, facts);
  }
  const clearBodies = KINDS_WITH_CREDENTIALS.has(mail.kind);
  const isMarked = await outbox.endAttempt(mail.id, owner, { state: 'sent', at: now(), deliveryNote: note, clearBodies });
  // Not marked: the lease ran out (another worker may send it again), or the person was erased
  // meanwhile and the row deleted, which endAttempt must leave deleted, and which takes back what the
  // transport can (the erasure, once committed, removes the copies written before it).
  if (!isMarked) {
    const isErased = !(await outbox.exists(mail.id));
    if (isErased && transport.withdraw) await transport.withdraw(toOutgoing(mail)).catch((error: unknown) => logger.error({ ...facts, err: error }, 'copy of an erased mail not taken back'));
    logger.warn({ ...facts, isErased }, 'mail sent but no longer leased (lease expired or person erased)');
  } else logger.info({ ...facts, transport: transport.name }, 'mail sent');
  return { id: mail.id, outcome: 'sent', leaseLost: !isMarked };
}

async function recordFailure(deps: DeliveryDeps, mail: OutboxMail, error: unknown, facts: Record<string, unknown>): Promise<DeliveryOutcome> {
  const { outbox, policy, owner, now, logger } = deps;
  const at = now();
  const decision = decideAfterFailure(policy, mail, error, at);
  const message = describeFailure(error);
  // Log the error's code only: SMTP replies often quote the recipient's address.
  const code = (error as { code?: unknown; responseCode?: unknown })?.responseCode ?? (error as { code?: unknown })?.code;
  const isMarked = decision.retry
    ? await outbox.endAttempt(mail.id, owner, { state: 'queued', at, error: message, nextAttemptAt: decision.nextAttemptAt })
    : await outbox.endAttempt(mail.id, owner, { state: 'failed', at, error: message, clearBodies: KINDS_WITH_CREDENTIALS.has(mail.kind) });
  if (decision.retry) logger.warn({ ...facts, code, nextAttemptAt: decision.nextAttemptAt }, 'mail delivery failed; will retry');
  else logger.error({ ...facts, code }, 'mail delivery failed for good');
  return { id: mail.id, outcome: decision.retry ? 'retry' : 'failed', leaseLost: !isMarked };
}

function toOutgoing(mail: OutboxMail) {
  return {
    outboxId: mail.id,
    kind: mail.kind,
    messageId: mail.messageId,
    to: mail.recipient,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
  };
}
