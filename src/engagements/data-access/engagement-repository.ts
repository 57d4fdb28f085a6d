import { createHash } from 'node:crypto';
import { Types, type ClientSession, type Connection } from 'mongoose';
import { AppError, ConflictError } from '../../platform/errors.ts';
import type { Engagement } from '../domain/engagement.ts';
import { engagementModels, type EngagementDoc } from './engagement-model.ts';

/** Ids in URLs are checked here: anything that is not an ObjectId simply matches nothing. */
export function toObjectId(id: string): Types.ObjectId | undefined {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined;
}

/** An engagement as it is opened: what the store adds (id, timestamps) left out, and Demo only when set. */
export type NewEngagement = Omit<Engagement, 'id' | 'isDemo' | 'createdAt' | 'updatedAt'> & { isDemo?: boolean; creationKey?: string };

/**
 * A second demo for one consultant is 409 `demo-exists`, carrying the existing demo's `engagementId` when it
 * is still there. A `creationKey` the consultant already used gives back the engagement it opened, when sent
 * with the same fields (a retry); with other fields it is 422 `idempotency-key-reused` and opens nothing.
 */
export async function insertEngagement(connection: Connection, input: NewEngagement): Promise<Engagement> {
  const { Engagement } = await engagementModels(connection);
  const consultantId = new Types.ObjectId(input.consultantId);
  const creationFingerprint = input.creationKey ? fingerprintOf(input) : undefined;
  try {
    const [doc] = await Engagement.create([{ ...input, consultantId, ...(creationFingerprint ? { creationFingerprint } : {}) }]);
    return toEngagement(doc.toObject());
  } catch (error) {
    if (isDuplicateOn(error, 'creationKey')) {
      const opened = await Engagement.findOne({ consultantId, creationKey: input.creationKey }).lean();
      if (opened) return retriedCreation(opened, creationFingerprint);
    }
    if (!isDuplicateOn(error, 'isDemo')) throw error;
    const existing = await Engagement.findOne({ consultantId, isDemo: true }, { _id: 1 }).lean();
    throw new ConflictError('You already have a demo engagement.', 'demo-exists', existing ? { engagementId: existing._id.toHexString() } : {});
  }
}

/** The fields an engagement is opened with, digested in a fixed order. */
function fingerprintOf(input: NewEngagement): string {
  const { name, client, departments, timeZone, moduleIds, milestones, isDemo } = input;
  return createHash('sha256').update(JSON.stringify([name, client, departments, timeZone, moduleIds, milestones, isDemo === true])).digest('base64url');
}

/**
 * A used key sent again with other fields is not a retry but a second engagement under an old key: answering
 * with the first one would pass it off as what was asked for. Engagements opened before fingerprints were kept are retries.
 */
function retriedCreation(opened: EngagementDoc, fingerprint: string | undefined): Engagement {
  if (opened.creationFingerprint !== undefined && opened.creationFingerprint !== fingerprint) {
    throw new AppError(422, 'idempotency-key-reused', 'This was sent before with other details, and that first request opened an engagement; nothing new was opened. To open another engagement, start a new one (a new Idempotency-Key).', { engagementId: opened._id.toHexString() });
  }
  return toEngagement(opened);
}

function isDuplicateOn(error: unknown, field: string): boolean {
  const e = error as { code?: number; keyPattern?: Record<string, unknown> };
  return e?.code === 11000 && e.keyPattern?.[field] !== undefined;
}

/** The engagement, only when `consultantId` runs it (others get undefined, hence 404). */
export async function findOwnEngagement(connection: Connection, consultantId: string, engagementId: string, session?: ClientSession): Promise<Engagement | undefined> {
  const _id = toObjectId(engagementId);
  if (!_id) return undefined;
  const { Engagement } = await engagementModels(connection);
  const doc = await Engagement.findOne({ _id, consultantId: new Types.ObjectId(consultantId) }).session(session ?? null).lean();
  return doc ? toEngagement(doc) : undefined;
}

export async function findEngagement(connection: Connection, engagementId: string): Promise<Engagement | undefined> {
  const _id = toObjectId(engagementId);
  if (!_id) return undefined;
  const { Engagement } = await engagementModels(connection);
  const doc = await Engagement.findById(_id).lean();
  return doc ? toEngagement(doc) : undefined;
}

export async function listEngagementsOf(connection: Connection, consultantId: string): Promise<Engagement[]> {
  const { Engagement } = await engagementModels(connection);
  const docs = await Engagement.find({ consultantId: new Types.ObjectId(consultantId) }).sort({ createdAt: -1, _id: -1 }).lean();
  return docs.map(toEngagement);
}

/** Every engagement (the reminder pass walks them all). */
export async function listAllEngagements(connection: Connection): Promise<Engagement[]> {
  const { Engagement } = await engagementModels(connection);
  const docs = await Engagement.find({}).sort({ _id: 1 }).lean();
  return docs.map(toEngagement);
}

export async function updateEngagement(
  connection: Connection,
  engagementId: string,
  changes: Partial<Omit<NewEngagement, 'consultantId'>>,
  session?: ClientSession,
): Promise<Engagement | undefined> {
  const { Engagement } = await engagementModels(connection);
  const doc = await Engagement.findByIdAndUpdate(new Types.ObjectId(engagementId), { $set: changes }, { returnDocument: 'after', session }).lean();
  return doc ? toEngagement(doc) : undefined;
}

/**
 * Counts a submission on the engagement inside the submission's transaction. Two transactions
 * writing one document conflict (the later retries after the earlier commits), so a decision
 * that reads the committed state (is this the department's last intake?) cannot be made by
 * two submissions that each miss the other. A count, not a time: an update that changes nothing
 * writes nothing, and so would conflict with nothing.
 */
export async function noteIntakeSubmitted(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const { Engagement } = await engagementModels(connection);
  await Engagement.updateOne({ _id: new Types.ObjectId(engagementId) }, { $inc: { intakeSubmissionCount: 1 } }, { session, timestamps: false });
}

/**
 * Writes the engagement's roster fence inside the caller's transaction (a roster upload, a change of
 * departments). Two transactions writing it conflict, and the one that commits second retries on what
 * the first committed: an upload never puts people on a department that a change removed while it ran,
 * a change never removes a department an upload just filled, and two uploads never each add half of a
 * manager loop.
 */
export async function fenceRoster(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const { RosterFence } = await engagementModels(connection);
  await RosterFence.updateOne({ _id: new Types.ObjectId(engagementId) }, { $inc: { writeCount: 1 } }, { upsert: true, session });
}

/** Deletes an engagement and its whole roster (erased people's records too), inside the caller's transaction. */
export async function deleteEngagementWithRoster(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const _id = toObjectId(engagementId);
  if (!_id) return;
  const { Engagement, Person, RosterFence } = await engagementModels(connection);
  await Person.deleteMany({ engagementId: _id }, { session });
  await RosterFence.deleteOne({ _id }, { session });
  await Engagement.deleteOne({ _id }, { session });
}

function toEngagement(doc: EngagementDoc): Engagement {
  return {
    id: doc._id.toHexString(),
    consultantId: doc.consultantId.toHexString(),
    name: doc.name,
    client: doc.client,
    departments: [...doc.departments],
    timeZone: doc.timeZone,
    moduleIds: [...(doc.moduleIds ?? [])],
    milestones: (doc.milestones ?? []).map((m) => ({ department: m.department, workflow: m.workflow, goLive: m.goLive })),
    isDemo: doc.isDemo === true,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
