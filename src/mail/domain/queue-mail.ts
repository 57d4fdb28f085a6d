import { randomUUID } from 'node:crypto';
import type { ClientSession } from 'mongoose';
import type { DedupeKeysNaming, NewOutboxMail, OutboxRepository } from '../data-access/outbox-repository.ts';
import type { MailTemplates } from './mail-templates.ts';
import type {
  BriefMail, DepartmentCompleteMail, EngagementSummary, InvitationMail, MailKind, ManagerRequestMail, RenderedMail, Recipient, ReminderMail,
} from './mail-types.ts';
import {
  renderBrief, renderDepartmentComplete, renderInvitation, renderManagerRequest, renderReminder, type RenderContext,
} from './render-mail.ts';

/** What queueing a mail did: `isNew` is false when the same dedupe key was queued before (a retried request). */
export interface QueuedMail {
  id: string;
  dedupeKey: string;
  isNew: boolean;
}

/** The intent-named queue functions; each renders now and inserts in the caller's session when given one. */
export interface MailQueue {
  queueInvitation(mail: InvitationMail, session?: ClientSession): Promise<QueuedMail>;
  /** Many invitations in one write, inside the caller's transaction (a roster upload); results in their order. */
  queueInvitations(mails: readonly InvitationMail[], session: ClientSession): Promise<QueuedMail[]>;
  queueReminder(mail: ReminderMail, session?: ClientSession): Promise<QueuedMail>;
  queueManagerRequest(mail: ManagerRequestMail, session?: ClientSession): Promise<QueuedMail>;
  queueDepartmentComplete(mail: DepartmentCompleteMail, session?: ClientSession): Promise<QueuedMail>;
  queueBrief(mail: BriefMail, session?: ClientSession): Promise<QueuedMail>;
}

export interface MailQueueDeps {
  outbox: OutboxRepository;
  templates: MailTemplates;
  context: RenderContext;
  /** The From address; its domain names our Message-IDs. */
  from: string;
  now: () => Date;
}

/**
 * Mail is rendered when it is queued, not when it is sent: the person reads what was true at the
 * event (the link, the dates, their tasks), a template change in a later deploy never alters a
 * queued mail, the worker needs no domain data, and a rendering bug fails the causing request
 * (rolling back its transaction) instead of surfacing hours later in a worker nobody watches.
 */
export function createMailQueue(deps: MailQueueDeps): MailQueue {
  const domain = messageIdDomain(deps.from);

  const outboxMail = (kind: MailKind, engagement: EngagementSummary, recipient: Recipient, dedupeKey: string, rendered: RenderedMail): NewOutboxMail => ({
    engagementId: engagement.id, kind, dedupeKey, recipient: { name: recipient.name, email: recipient.email }, ...rendered, messageId: `<${randomUUID()}@${domain}>`,
    ...(engagement.isDemo ? { isWithheld: true } : {}),
  });
  const queue = async (
    kind: MailKind, engagement: EngagementSummary, recipient: Recipient, dedupeKey: string, rendered: RenderedMail, session?: ClientSession,
  ): Promise<QueuedMail> => {
    const { id, isNew } = await deps.outbox.insertOnce(outboxMail(kind, engagement, recipient, dedupeKey, rendered), deps.now(), session);
    return { id, dedupeKey, isNew };
  };
  const invitation = (mail: InvitationMail) =>
    outboxMail('invitation', mail.engagement, mail.recipient, DEDUPE_KEYS.invitation(mail.personId, mail.tokenIssuedAt), renderInvitation(deps.templates, mail, deps.context));

  return {
    async queueInvitation(mail, session) {
      const row = invitation(mail);
      return { ...(await deps.outbox.insertOnce(row, deps.now(), session)), dedupeKey: row.dedupeKey };
    },
    async queueInvitations(mails, session) {
      const rows = mails.map(invitation);
      const queued = await deps.outbox.insertManyOnce(rows, deps.now(), session);
      return queued.map((result, i) => ({ ...result, dedupeKey: rows[i].dedupeKey }));
    },
    queueReminder(mail, session) {
      const key = DEDUPE_KEYS.reminder(mail.personId, mail.day, mail.invitedAt);
      return queue('reminder', mail.engagement, mail.recipient, key, renderReminder(deps.templates, mail, deps.context), session);
    },
    queueManagerRequest(mail, session) {
      const key = DEDUPE_KEYS.managerRequest(mail.managerId, mail.report.personId, mail.submittedAt);
      return queue('manager-request', mail.engagement, mail.recipient, key, renderManagerRequest(deps.templates, mail, deps.context), session);
    },
    queueDepartmentComplete(mail, session) {
      const key = DEDUPE_KEYS.departmentComplete(mail.engagement.id, mail.department, mail.submittedCount);
      return queue('department-complete', mail.engagement, mail.recipient, key, renderDepartmentComplete(deps.templates, mail, deps.context), session);
    },
    queueBrief(mail, session) {
      const key = DEDUPE_KEYS.brief(mail.personId, mail.curriculumVersion);
      return queue('brief', mail.engagement, mail.recipient, key, renderBrief(deps.templates, mail, deps.context), session);
    },
  };
}

/**
 * Each kind's dedupe key: the same event queued twice (a retried request) is one mail. Every key of a
 * mail to a person starts with `<kind>:<their id>:`; `keysNaming` relies on that, so a new kind keeps it.
 */
const DEDUPE_KEYS = {
  invitation: (personId: string, tokenIssuedAt: Date) => `invitation:${personId}:${tokenIssuedAt.toISOString()}`,
  /** One reminder per person, cadence day and invitation: a re-invited person gets the cadence again. */
  reminder: (personId: string, day: number, invitedAt: Date) => `reminder:${personId}:${day}:${invitedAt.toISOString()}`,
  managerRequest: (managerId: string, reportId: string, submittedAt: Date) => `manager-request:${managerId}:${reportId}:${submittedAt.toISOString()}`,
  departmentComplete: (engagementId: string, department: string, submittedCount: number) => `department-complete:${engagementId}:${encodeURIComponent(department)}:${submittedCount}`,
  brief: (personId: string, curriculumVersion: number) => `brief:${personId}:v${curriculumVersion}`,
};

export const reminderDedupeKey = DEDUPE_KEYS.reminder;

/**
 * Patterns (regular-expression sources) of the dedupe keys that name a person, for erasing their mail:
 * `to` the keys of mail sent to them, `about` a manager's review request naming them as the report.
 * `department-complete` names nobody.
 */
export function keysNaming(personId: string): DedupeKeysNaming {
  const id = personId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { to: `^(invitation|reminder|brief|manager-request):${id}:`, about: `^manager-request:[^:]+:${id}:` };
}

/** The domain of the From address (`Tailor <tailor@example.org>` → `example.org`). */
function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match ? match[1].toLowerCase() : 'tailor.localhost';
}
