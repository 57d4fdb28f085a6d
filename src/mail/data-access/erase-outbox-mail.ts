import mongoose, { type ClientSession, type Model, type QueryFilter } from 'mongoose';
import type { MailFileRef } from './mail-files.ts';
import type { OutboxDocument, OutboxState } from './outbox-model.ts';

/** Whose mail an erasure looks for: the person's id (in dedupe keys) and address (as recipient). */
export interface ErasedRecipient {
  engagementId: string;
  personId: string;
  email: string;
}

/** Patterns of the dedupe keys naming the person: of mail `to` them, and of mail `about` them sent to others. */
export interface DedupeKeysNaming {
  to: string;
  about: string;
}

/** What erasing a person did to the outbox. */
export interface OutboxErasure {
  /** Mails not sent yet (or being sent): gone, so they never go out. */
  deleted: number;
  /** Mails sent or failed: kept as anonymous rows, so the counts and the listing still add up. */
  blanked: number;
  /** Every mail to or about them, deleted or blanked: the .eml copies to remove. */
  mails: MailFileRef[];
}

// What an erased person's mail shows instead of them: the roster's wording for an erased person.
const ERASED_NAME = 'Erased person';
const ERASED_SUBJECT = 'Erased with the person it was about';
const ERASED_ERROR = 'Error text erased with the person';

/**
 * Inside the caller's transaction (the erasure's), deletes the mail to or about the person that
 * has not gone out, and strips what went out (or failed for good) of everything personal.
 * Only the outbox repository calls this, with its model.
 */
export async function eraseOutboxMail(Outbox: Model<OutboxDocument>, erased: ErasedRecipient, keys: DedupeKeysNaming, session: ClientSession): Promise<OutboxErasure> {
  const { to, about } = erasureFilters(erased, keys);
  const inEngagement = { engagementId: erased.engagementId };
  // Mail in `sending` goes too: the worker's endAttempt then matches nothing, so neither a late
  // `sent` nor a retry can write the row back, and a retry would otherwise send it again.
  const pending = stateIn(['queued', 'withheld', 'sending']);
  const done = stateIn(['sent', 'failed']);
  const mails = await Outbox.find({ ...inEngagement, $or: [to, about] }, { _id: 1, kind: 1 }, { session }).lean();
  const deleted = (await Outbox.deleteMany({ ...inEngagement, state: pending, $or: [to, about] }, { session })).deletedCount;
  // Mail about them went to someone else (their manager), who keeps their own name on it.
  const blankContent = { subject: ERASED_SUBJECT, html: '', text: '', deliveryNote: null };
  const aboutThem = await Outbox.updateMany({ ...inEngagement, state: done, ...about }, { $set: blankContent }, { session });
  // An SMTP reply often quotes the recipient's address, so a failure's text goes too; first, while
  // the address it is found by is still there.
  const toThem: QueryFilter<OutboxDocument> = { ...inEngagement, state: done, ...to };
  await Outbox.updateMany({ ...toThem, lastError: mongoose.trusted({ $ne: null }) }, { $set: { lastError: ERASED_ERROR } }, { session });
  const recipient = { name: ERASED_NAME, email: `erased-${erased.personId}@erased.invalid` };
  const blanked = await Outbox.updateMany(toThem, { $set: { ...blankContent, recipient } }, { session });
  return { deleted, blanked: aboutThem.modifiedCount + blanked.modifiedCount, mails: mails.map((mail) => ({ id: String(mail._id), kind: mail.kind })) };
}

/** The person's mails by address and by the dedupe keys naming them (`keys`, from queue-mail.ts where the keys are made). */
function erasureFilters(erased: ErasedRecipient, keys: DedupeKeysNaming): { to: QueryFilter<OutboxDocument>; about: QueryFilter<OutboxDocument> } {
  const to = { $or: [{ 'recipient.email': erased.email }, { dedupeKey: mongoose.trusted({ $regex: keys.to }) }] };
  const about = { dedupeKey: mongoose.trusted({ $regex: keys.about }) };
  return { to, about };
}

// sanitizeFilter is on globally: our own operators must be marked as trusted to pass through.
function stateIn(states: OutboxState[]) {
  return mongoose.trusted({ $in: states });
}
