import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import { ConflictError } from '../../platform/errors.ts';
import type { CarryOverReport, CohortReview, ComputedShortlist, DecisionLogEntry, ShortlistStatus, StoredShortlist } from '../domain/shortlist.ts';
import { decodeComputed, encodeComputed, type EncodedComputed } from '../domain/computed-codec.ts';
import { packJson, unpackJson } from './gzip-json.ts';
import { shortlistModel, type ShortlistDoc } from './shortlist-model.ts';

/** A new version as the compute use case hands it over. */
export interface NewShortlist {
  engagementId: string;
  version: number;
  computedBy: string;
  computedAt: Date;
  computed: ComputedShortlist;
  review: CohortReview[];
  decisionLog: DecisionLogEntry[];
  carryOver?: CarryOverReport;
}

/** The review part a PATCH replaces. */
export interface ReviewChange {
  status: ShortlistStatus;
  review: CohortReview[];
  newLogEntries: DecisionLogEntry[];
}

const CHANGED = 'The shortlist changed while this was being saved; load it again and repeat the change.';

/** The engagement's latest version, or a given one. */
export async function findShortlist(connection: Connection, engagementId: string, version?: number): Promise<StoredShortlist | undefined> {
  const Shortlist = await shortlistModel(connection);
  const filter = { engagementId: new Types.ObjectId(engagementId), ...(version !== undefined ? { version } : {}) };
  const doc = await Shortlist.findOne(filter).sort({ version: -1 }).lean();
  return doc ? toStored(doc as ShortlistDoc) : undefined;
}

/** A version without its computed part. */
export type ShortlistHead = Omit<StoredShortlist, 'computed'>;

/**
 * The latest version without its computed part, which a new computation only needs when there are
 * decisions to carry over (reading and unpacking it is the costly part for a large engagement).
 */
export async function findLatestHead(connection: Connection, engagementId: string): Promise<ShortlistHead | undefined> {
  const Shortlist = await shortlistModel(connection);
  const doc = await Shortlist.findOne({ engagementId: new Types.ObjectId(engagementId) }).sort({ version: -1 }).select({ computed: 0 }).lean();
  return doc ? toHead(doc as ShortlistDoc) : undefined;
}

/** The computed part of one version. */
export async function loadComputed(connection: Connection, shortlistId: string): Promise<ComputedShortlist> {
  const Shortlist = await shortlistModel(connection);
  const doc = await Shortlist.findById(new Types.ObjectId(shortlistId)).select({ computed: 1 }).lean();
  if (!doc) throw new Error(`loadComputed: shortlist ${shortlistId} vanished`);
  return unpackComputed(doc.computed);
}

/** The number of the engagement's latest version, without reading it. */
export async function findLatestVersion(connection: Connection, engagementId: string): Promise<number | undefined> {
  const Shortlist = await shortlistModel(connection);
  const doc = await Shortlist.findOne({ engagementId: new Types.ObjectId(engagementId) }).sort({ version: -1 }).select({ version: 1 }).lean();
  return doc?.version;
}

/**
 * Stores a new version and marks the one it was computed from as superseded, in one transaction.
 * Either step failing because someone else got there first (a review saved in between, or another
 * computation) is a 409: the decisions carried over would otherwise miss the review.
 */
export async function insertShortlist(connection: Connection, input: NewShortlist, previous?: Pick<StoredShortlist, 'id' | 'revision'>): Promise<StoredShortlist> {
  const Shortlist = await shortlistModel(connection);
  const computed = await packJson(encodeComputed(input.computed));
  try {
    const created = await connection.transaction(async (session) => {
      if (previous) {
        const result = await Shortlist.updateOne(
          { _id: new Types.ObjectId(previous.id), revision: previous.revision, supersededAt: mongoose.trusted({ $exists: false }) },
          { $set: { supersededAt: input.computedAt } },
          { session },
        );
        if (result.matchedCount !== 1) throw new ConflictError(CHANGED, 'shortlist-changed');
      }
      const [doc] = await Shortlist.create(
        [{
          engagementId: new Types.ObjectId(input.engagementId),
          version: input.version,
          status: 'draft',
          revision: 1,
          computedBy: new Types.ObjectId(input.computedBy),
          computedAt: input.computedAt,
          computed,
          review: input.review,
          decisionLog: input.decisionLog,
          ...(input.carryOver ? { carryOver: input.carryOver } : {}),
        }],
        { session },
      );
      return doc.toObject() as ShortlistDoc;
    });
    // What was inserted is what is stored; reading the packed part back would only cost time.
    return toStored(created, input.computed);
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new ConflictError(CHANGED, 'shortlist-changed');
    throw error;
  }
}

/** Saves a review over the revision it was made on; a concurrent change or a newer version is a 409. */
export async function saveReview(connection: Connection, current: StoredShortlist, change: ReviewChange): Promise<StoredShortlist> {
  const Shortlist = await shortlistModel(connection);
  const doc = await Shortlist.findOneAndUpdate(
    { _id: new Types.ObjectId(current.id), revision: current.revision, supersededAt: mongoose.trusted({ $exists: false }) },
    {
      $set: { status: change.status, review: change.review, revision: current.revision + 1 },
      $push: { decisionLog: { $each: change.newLogEntries } },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) throw new ConflictError(CHANGED, 'shortlist-changed');
  return toStored(doc as ShortlistDoc, current.computed);
}

async function toStored(doc: ShortlistDoc, computed?: ComputedShortlist): Promise<StoredShortlist> {
  return { ...toHead(doc), computed: computed ?? (await unpackComputed(doc.computed)) };
}

async function unpackComputed(value: unknown): Promise<ComputedShortlist> {
  return decodeComputed(await unpackJson<EncodedComputed | ComputedShortlist>(value));
}

function toHead(doc: ShortlistDoc): ShortlistHead {
  return {
    id: doc._id.toHexString(),
    engagementId: doc.engagementId.toHexString(),
    version: doc.version,
    status: doc.status,
    revision: doc.revision,
    computedAt: doc.computedAt.toISOString(),
    computedBy: doc.computedBy.toHexString(),
    review: doc.review as CohortReview[],
    decisionLog: doc.decisionLog as DecisionLogEntry[],
    ...(doc.carryOver ? { carryOver: doc.carryOver as CarryOverReport } : {}),
    isSuperseded: Boolean(doc.supersededAt),
  };
}

/** Every version of an engagement's shortlist, inside the caller's transaction (removing a demo engagement). */
export async function deleteShortlistsOf(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const Shortlist = await shortlistModel(connection);
  await Shortlist.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}
