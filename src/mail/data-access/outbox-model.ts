import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * Where a mail is in its life: queued → sending → sent, or back to queued to retry, or failed for good.
 * `withheld` mail (a demo engagement's) is kept for the consultant to see but never sent: the worker only claims `queued`.
 */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'withheld';

/** One stored mail of the `outbox` collection. */
export interface OutboxDocument {
  _id: Types.ObjectId;
  engagementId: string;
  kind: string;
  /** Unique: retries of the causing request upsert onto the same row instead of queueing twice. */
  dedupeKey: string;
  recipient: { name: string; email: string };
  subject: string;
  html: string;
  text: string;
  /** Fixed at queue time so every delivery attempt carries the same Message-ID. */
  messageId: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  queuedAt: Date;
  sentAt: Date | null;
  /** The transport's reply on success (SMTP response line or the .eml path). */
  deliveryNote: string | null;
}

const outboxSchema = new Schema<OutboxDocument>(
  {
    engagementId: { type: String, required: true },
    kind: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    recipient: {
      name: { type: String, required: true },
      email: { type: String, required: true },
    },
    subject: { type: String, required: true },
    html: { type: String, required: true },
    text: { type: String, required: true },
    messageId: { type: String, required: true },
    state: { type: String, required: true, enum: ['queued', 'sending', 'sent', 'failed', 'withheld'] },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    lastErrorAt: { type: Date, default: null },
    leaseOwner: { type: String, default: null },
    leaseExpiresAt: { type: Date, default: null },
    queuedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    deliveryNote: { type: String, default: null },
  },
  { collection: 'outbox', versionKey: false, strict: 'throw' },
);

outboxSchema.index({ dedupeKey: 1 }, { unique: true });
// The worker's claim query: due mails by state, oldest due first.
outboxSchema.index({ state: 1, nextAttemptAt: 1 });
// The consultant's outbox view.
outboxSchema.index({ engagementId: 1, queuedAt: -1 });

/** The Outbox model on the given connection (models are per connection, never global). */
export function outboxModel(connection: Connection): Model<OutboxDocument> {
  return (connection.models.Outbox as Model<OutboxDocument> | undefined) ?? connection.model<OutboxDocument>('Outbox', outboxSchema);
}
