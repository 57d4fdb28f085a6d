import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * One shortlist version. `computed` is the computed part as gzipped JSON (`computed-codec.ts`: strings,
 * evidence and task columns written once; versions stored before that are plain): written once, only
 * ever read whole, and for a large engagement (thousands of people, each task with its evidence) it
 * would outgrow a document as plain fields. The review, the log and the carry-over report stay plain
 * fields: they are small and change with every PATCH.
 */
export interface ShortlistDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  version: number;
  status: 'draft' | 'approved';
  revision: number;
  computedBy: Types.ObjectId;
  computedAt: Date;
  computed: Buffer;
  review: unknown[];
  decisionLog: unknown[];
  carryOver?: unknown;
  supersededAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const shortlistSchema = new Schema<ShortlistDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true, enum: ['draft', 'approved'] },
    revision: { type: Number, required: true },
    computedBy: { type: Schema.Types.ObjectId, required: true },
    computedAt: { type: Date, required: true },
    computed: { type: Buffer, required: true },
    review: { type: [Schema.Types.Mixed], default: [] },
    decisionLog: { type: [Schema.Types.Mixed], default: [] },
    carryOver: { type: Schema.Types.Mixed },
    supersededAt: { type: Date },
  },
  { collection: 'shortlists', timestamps: true },
);
// One number per version: two concurrent computations cannot both store version N.
shortlistSchema.index({ engagementId: 1, version: 1 }, { unique: true });

/** The shortlist model of one connection, with its index built before first use. */
export async function shortlistModel(connection: Connection): Promise<Model<ShortlistDoc>> {
  const model = (connection.models.Shortlist as Model<ShortlistDoc>) ?? connection.model<ShortlistDoc>('Shortlist', shortlistSchema);
  await model.init();
  return model;
}
