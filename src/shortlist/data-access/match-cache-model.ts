import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * How a part of the match cache came to be: `computed` parts are what a computation (or the stop)
 * wrote for the engagement's tasks of that moment; `incoming` parts are results written as tasks came
 * in, about a second's worth each, so a crash loses at most that second. A computation reads both
 * and replaces them with computed parts.
 */
export type MatchCachePartKind = 'computed' | 'incoming';

/**
 * One part of an engagement's match cache: results of up to `MATCH_CACHE_PART_SIZE` distinct tasks,
 * encoded (`match-cache-codec.ts`) and gzipped, under the scope fingerprint they were matched with.
 * Parts keep each document far below the store's 16 MB limit however large the engagement.
 */
export interface MatchCacheDoc {
  _id: Types.ObjectId;
  engagementId: Types.ObjectId;
  fingerprint: string;
  /** Absent on parts written before incoming parts existed: those are computed. */
  kind?: MatchCachePartKind;
  part: number;
  entryCount: number;
  data: Buffer;
  createdAt: Date;
}

const matchCacheSchema = new Schema<MatchCacheDoc>(
  {
    engagementId: { type: Schema.Types.ObjectId, required: true, index: true },
    fingerprint: { type: String, required: true },
    kind: { type: String, enum: ['computed', 'incoming'] },
    part: { type: Number, required: true },
    entryCount: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'shortlist_match_cache', timestamps: { createdAt: true, updatedAt: false } },
);

/** The match-cache model of one connection, with its index built before first use. */
export async function matchCacheModel(connection: Connection): Promise<Model<MatchCacheDoc>> {
  const model = (connection.models.ShortlistMatchCache as Model<MatchCacheDoc>) ?? connection.model<MatchCacheDoc>('ShortlistMatchCache', matchCacheSchema);
  await model.init();
  return model;
}
