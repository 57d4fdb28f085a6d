import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { eraseOutboxMail, type DedupeKeysNaming, type ErasedRecipient, type OutboxErasure } from './erase-outbox-mail.ts';
import { outboxModel, type OutboxDocument, type OutboxState } from './outbox-model.ts';

export type { DedupeKeysNaming, ErasedRecipient, OutboxErasure } from './erase-outbox-mail.ts';

/** A rendered mail about to be queued. */
export interface NewOutboxMail {
  engagementId: string;
  kind: string;
  dedupeKey: string;
  recipient: { name: string; email: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  /** Stored as `withheld`: never claimed by the worker, so never sent (a demo engagement's mail). */
  isWithheld?: boolean;
}

/** A stored mail as plain data. */
export interface OutboxMail extends NewOutboxMail {
  id: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  queuedAt: Date;
  sentAt: Date | null;
  deliveryNote: string | null;
}

/** A stored mail without its bodies, for listings (bodies may carry a personal link). */
export type OutboxSummary = Omit<OutboxMail, 'html' | 'text'>;

/** What the worker writes back when an attempt ends. */
export type AttemptEnd =
  | { state: 'sent'; at: Date; deliveryNote: string; clearBodies: boolean }
  | { state: 'queued'; at: Date; error: string; nextAttemptAt: Date }
  | { state: 'failed'; at: Date; error: string; clearBodies: boolean };

/** Sent mails a listing shows at most; mails not sent yet are always all listed. */
const LIST_LIMIT = 1000;
const UNSENT_STATES: OutboxState[] = ['queued', 'sending', 'failed', 'withheld'];
const DUPLICATE_KEY = 11000;

/** The only code that touches the outbox collection. */
export interface OutboxRepository {
  /** Creates the collection and its indexes (the unique dedupe key above all); safe to call often. */
  ensureReady(): Promise<void>;
  /** Inserts unless a mail with the same dedupe key exists; `isNew` says which. Joins `session` when given. */
  insertOnce(mail: NewOutboxMail, now: Date, session?: ClientSession): Promise<{ id: string; isNew: boolean }>;
  /** The same for many mails in one write, inside the caller's transaction; results in the mails' order. */
  insertManyOnce(mails: readonly NewOutboxMail[], now: Date, session: ClientSession): Promise<Array<{ id: string; isNew: boolean }>>;
  /** Atomically leases the oldest due mail to `owner`, counting the attempt; null when nothing is due. */
  claimNext(owner: string, now: Date, leaseMs: number): Promise<OutboxMail | null>;
  /** Records how an attempt ended, only while `owner` still holds the lease; false when the lease was lost. */
  endAttempt(id: string, owner: string, end: AttemptEnd): Promise<boolean>;
  /** The engagement's mails, newest first, without bodies: every one not sent yet, and the newest sent ones. */
  listByEngagement(engagementId: string): Promise<OutboxSummary[]>;
  /** Deletes every mail of an engagement inside the caller's transaction (removing a demo engagement). */
  deleteByEngagement(engagementId: string, session: ClientSession): Promise<number>;
  /**
   * Inside the caller's transaction: deletes the mails to or about the person that were not sent yet,
   * and strips the sent and failed ones of everything personal.
   */
  eraseRecipient(erased: ErasedRecipient, keys: DedupeKeysNaming, session: ClientSession): Promise<OutboxErasure>;
  /** True while the mail's row exists (an erasure or a demo's removal deletes it). */
  exists(id: string): Promise<boolean>;
  /** True when a mail with this dedupe key was queued (in any state). */
  hasDedupeKey(dedupeKey: string): Promise<boolean>;
  /** One mail with its bodies (tests and support). */
  findByDedupeKey(dedupeKey: string): Promise<OutboxMail | null>;
}

/** The row a new mail is stored as: queued (or withheld), never tried. */
function newRow(mail: NewOutboxMail, now: Date) {
  const { isWithheld, ...fields } = mail;
  return {
    ...fields, state: isWithheld ? 'withheld' : 'queued', attempts: 0, nextAttemptAt: now, queuedAt: now,
    lastError: null, lastErrorAt: null, leaseOwner: null, leaseExpiresAt: null, sentAt: null, deliveryNote: null,
  };
}

/** The outbox repository on a connection. */
export function createOutboxRepository(connection: Connection): OutboxRepository {
  const Outbox = outboxModel(connection);
  // sanitizeFilter is on globally: our own operators must be marked as trusted to pass through.
  const trusted = <T extends object>(filter: T): T => mongoose.trusted(filter) as T;

  return {
    async ensureReady() {
      await Outbox.init();
    },

    async insertOnce(mail, now, session) {
      await Outbox.init();
      try {
        // An upsert rather than insert + catch: inside a transaction a duplicate-key error would abort
        // the caller's whole transaction, while an upsert that finds the row simply changes nothing.
        const result = await Outbox.updateOne({ dedupeKey: mail.dedupeKey }, { $setOnInsert: newRow(mail, now) }, { upsert: true, session });
        if (result.upsertedCount === 1) return { id: String(result.upsertedId), isNew: true };
      } catch (error) {
        // Two concurrent upserts outside a transaction: the loser sees the unique index; the row exists.
        if ((error as { code?: number }).code !== DUPLICATE_KEY || session) throw error;
      }
      const existing = await Outbox.findOne({ dedupeKey: mail.dedupeKey }, { _id: 1 }, { session }).lean();
      if (!existing) throw new Error(`Outbox row for ${mail.dedupeKey} vanished after a duplicate key`);
      return { id: existing._id.toHexString(), isNew: false };
    },

    async insertManyOnce(mails, now, session) {
      if (mails.length === 0) return [];
      await Outbox.init();
      // One command of upserts: a roster upload queues thousands of invitations, and a round trip
      // each cost more than the rest of the upload. In a transaction a clash retries the whole.
      const result = await Outbox.bulkWrite(
        mails.map((mail) => ({ updateOne: { filter: { dedupeKey: mail.dedupeKey }, update: { $setOnInsert: newRow(mail, now) }, upsert: true } })),
        { session, ordered: true },
      );
      const inserted = result.upsertedIds as Record<number, unknown>;
      const known = mails.filter((_, i) => inserted[i] === undefined).map((mail) => mail.dedupeKey);
      const existing = known.length === 0 ? [] : await Outbox.find({ dedupeKey: trusted({ $in: known }) }, { _id: 1, dedupeKey: 1 }, { session }).lean();
      const idOfKey = new Map(existing.map((row) => [row.dedupeKey, row._id.toHexString()]));
      return mails.map((mail, i) => {
        if (inserted[i] !== undefined) return { id: String(inserted[i]), isNew: true };
        const id = idOfKey.get(mail.dedupeKey);
        if (!id) throw new Error(`Outbox row for ${mail.dedupeKey} vanished during an upsert`);
        return { id, isNew: false };
      });
    },

    async claimNext(owner, now, leaseMs) {
      const due = trusted({ $lte: now });
      const claimed = await Outbox.findOneAndUpdate(
        { nextAttemptAt: due, $or: [{ state: 'queued' }, { state: 'sending', leaseExpiresAt: trusted({ $lte: now }) }] },
        { $set: { state: 'sending', leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'after', lean: true },
      );
      return claimed ? toMail(claimed) : null;
    },

    async endAttempt(id, owner, end) {
      const set: Record<string, unknown> = { state: end.state, leaseOwner: null, leaseExpiresAt: null };
      if (end.state === 'sent') Object.assign(set, { sentAt: end.at, deliveryNote: end.deliveryNote });
      if (end.state === 'queued') Object.assign(set, { lastError: end.error, lastErrorAt: end.at, nextAttemptAt: end.nextAttemptAt });
      if (end.state === 'failed') Object.assign(set, { lastError: end.error, lastErrorAt: end.at });
      if (end.state !== 'queued' && end.clearBodies) Object.assign(set, { html: '', text: '' });
      const result = await Outbox.updateOne({ _id: id, state: 'sending', leaseOwner: owner }, { $set: set });
      return result.matchedCount === 1;
    },

    async listByEngagement(engagementId) {
      // Every mail not sent yet (above all a failed one, which the consultant must see and act on) is
      // listed however old; only sent mails are cut at the limit, newest kept.
      const newestFirst = { queuedAt: -1, _id: -1 } as const;
      const unsent = await Outbox.find({ engagementId, state: trusted({ $in: UNSENT_STATES }) }, { html: 0, text: 0 }).sort(newestFirst).lean();
      const room = LIST_LIMIT - unsent.length;
      // limit(0) would mean no limit at all.
      const sent = room > 0 ? await Outbox.find({ engagementId, state: 'sent' }, { html: 0, text: 0 }).sort(newestFirst).limit(room).lean() : [];
      const rows = [...unsent, ...sent].sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || (b._id.toHexString() < a._id.toHexString() ? -1 : 1));
      return rows.map((row) => {
        const { html: _html, text: _text, ...summary } = toMail({ ...row, html: '', text: '' });
        return summary;
      });
    },

    async deleteByEngagement(engagementId, session) {
      return (await Outbox.deleteMany({ engagementId }, { session })).deletedCount;
    },

    eraseRecipient(erased, keys, session) {
      return eraseOutboxMail(Outbox, erased, keys, session);
    },

    async exists(id) {
      return (await Outbox.exists({ _id: id })) !== null;
    },

    async hasDedupeKey(dedupeKey) {
      return (await Outbox.exists({ dedupeKey })) !== null;
    },

    async findByDedupeKey(dedupeKey) {
      const row = await Outbox.findOne({ dedupeKey }).lean();
      return row ? toMail(row) : null;
    },
  };
}

function toMail(row: OutboxDocument): OutboxMail {
  return {
    id: row._id.toHexString(),
    engagementId: row.engagementId,
    kind: row.kind,
    dedupeKey: row.dedupeKey,
    recipient: { name: row.recipient.name, email: row.recipient.email },
    subject: row.subject,
    html: row.html,
    text: row.text,
    messageId: row.messageId,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError ?? null,
    lastErrorAt: row.lastErrorAt ?? null,
    leaseOwner: row.leaseOwner ?? null,
    leaseExpiresAt: row.leaseExpiresAt ?? null,
    queuedAt: row.queuedAt,
    sentAt: row.sentAt ?? null,
    deliveryNote: row.deliveryNote ?? null,
  };
}
