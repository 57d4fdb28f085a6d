import type { ClientSession, Connection } from 'mongoose';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { removeMailFiles, type MailFileRef } from './data-access/mail-files.ts';
import { createOutboxRepository, type ErasedRecipient, type OutboxErasure } from './data-access/outbox-repository.ts';
import { listOutbox, type OutboxEntry } from './domain/list-outbox.ts';
import { MailTemplates } from './domain/mail-templates.ts';
import { createMailQueue, keysNaming, type MailQueue } from './domain/queue-mail.ts';
import { runReminderPass, type ReminderPassResult, type ReminderSource } from './domain/run-reminder-pass.ts';

export type {
  BriefMail, BriefSession, DepartmentCompleteMail, EngagementSummary, InvitationMail, MailKind, ManagerRequestMail, Recipient, ReminderMail, RenderedMail,
} from './domain/mail-types.ts';
export type { QueuedMail, MailQueue } from './domain/queue-mail.ts';
export type { OutboxEntry } from './domain/list-outbox.ts';
export type { OutboxState } from './data-access/outbox-model.ts';
export type { ErasedRecipient, OutboxErasure } from './data-access/outbox-repository.ts';
export type { MailFileRef } from './data-access/mail-files.ts';
export type { ReminderSource, ReminderPassResult } from './domain/run-reminder-pass.ts';
export type { ReminderCandidate, DueReminder } from './domain/reminder-schedule.ts';
export type { MailTransport, OutgoingMail } from './data-access/mail-transport.ts';
export type { RetryPolicy } from './domain/retry-policy.ts';
export type { OutboxWorkerOptions } from './entry-points/outbox-worker.ts';

/** Picks the reminders due now from invitations and submissions (pure; the cadence is config.mail.reminderDays). */
export { selectDueReminders } from './domain/reminder-schedule.ts';
/** SMTP when config.mail.smtpUrl is set, otherwise .eml files under config.mail.outboxDir. */
export { createMailTransport, createSmtpTransport, createEmlFileTransport } from './data-access/mail-transport.ts';
/** Sends queued mail with leases, retries and backoff; started and stopped by server.ts. */
export { OutboxWorker } from './entry-points/outbox-worker.ts';
/** Runs the reminder pass on an interval; started and stopped by server.ts. */
export { ReminderTimer } from './entry-points/reminder-timer.ts';
/** `GET /api/v1/engagements/:engagementId/outbox` behind the given guards (consultant + engagement ownership). */
export { outboxRoutes } from './entry-points/outbox-routes.ts';
/** OpenAPI description of the mail routes, for the document at /api/v1/openapi.json. */
export { outboxApiOperations as mailApiOperations } from './entry-points/outbox-routes.ts';
/** Retry defaults: 10 attempts, 30 s doubling to at most an hour, 2-minute leases. */
export { DEFAULT_RETRY_POLICY } from './domain/retry-policy.ts';

/** What the mail component needs. */
export interface MailDeps {
  connection: Connection;
  config: Config['mail'];
  /** config.http.publicUrl: the base of every link in a mail. */
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
}

/** The mail component's use cases: queue by intent, list the outbox, run the reminder pass. */
export interface Mail extends MailQueue {
  /** True when no SMTP server is set: mail is written as .eml files on the server, never sent. */
  readonly writesFilesOnly: boolean;
  /** The engagement's mails, newest first, with state and last error, never bodies. */
  listOutbox(engagementId: string): Promise<OutboxEntry[]>;
  /** Queues the reminders due now for the candidates `source` reports. */
  runReminderPass(source: ReminderSource): Promise<ReminderPassResult>;
  /** Deletes every mail of an engagement inside the caller's transaction (the demo's removal); answers how many. */
  deleteOutbox(session: ClientSession, engagementId: string): Promise<number>;
  /**
   * Inside the caller's transaction (an erasure): unsent mail to or about the person is deleted, sent and
   * failed mail made anonymous. Answers those mails too, whose .eml copies `removeMailFiles` takes once
   * the erasure has committed.
   */
  eraseMailOf(session: ClientSession, erased: ErasedRecipient): Promise<OutboxErasure>;
  /** Removes the .eml copies of these mails, where the fallback transport wrote any; answers how many. */
  removeMailFiles(mails: readonly MailFileRef[]): Promise<number>;
  /** Creates the outbox collection and its unique dedupe index; call once at start-up, before any transaction queues mail. */
  ensureReady(): Promise<void>;
}

/** Builds the mail component: templates are compiled here, once. */
export function createMail(deps: MailDeps): Mail {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'mail' });
  const outbox = createOutboxRepository(deps.connection);
  const queue = createMailQueue({ outbox, templates: new MailTemplates(), context: { publicUrl: deps.publicUrl }, from: deps.config.from, now });
  const withTransaction = <T>(work: (session: ClientSession) => Promise<T>): Promise<T> => deps.connection.transaction(work);
  return {
    ...queue,
    writesFilesOnly: deps.config.smtpUrl === undefined,
    listOutbox: (engagementId) => listOutbox(outbox, engagementId),
    runReminderPass: (source) => runReminderPass({ queue, outbox, reminderDays: deps.config.reminderDays, withTransaction, logger }, source, now()),
    deleteOutbox: (session, engagementId) => outbox.deleteByEngagement(engagementId, session),
    eraseMailOf: (session, erased) => outbox.eraseRecipient(erased, keysNaming(erased.personId), session),
    removeMailFiles: (mails) => removeMailFiles(deps.config.outboxDir, mails),
    ensureReady: () => outbox.ensureReady(),
  };
}
