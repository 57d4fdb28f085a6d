import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import { ConflictError } from '../platform/errors.ts';
import { accessModels } from './credential-model.ts';

export interface StoredCredential {
  id: string;
  kind: 'consultant' | 'person';
  /** `invite` and `api` tokens are bearer tokens; `session` credentials only ever come from a cookie. */
  purpose: string;
  subjectId: string;
  engagementId?: string;
  expiresAt?: Date;
  revokedAt?: Date;
}

export interface NewCredential {
  kind: 'consultant' | 'person';
  subjectId: string;
  engagementId?: string;
  tokenHash: string;
  purpose: string;
  expiresAt?: Date;
}

/** The only code that touches the credentials collection. */
export async function insertCredential(connection: Connection, credential: NewCredential, session?: ClientSession): Promise<void> {
  await insertCredentials(connection, [credential], session);
}

/** Several credentials in one write (a roster upload's invitation links). */
export async function insertCredentials(connection: Connection, credentials: readonly NewCredential[], session?: ClientSession): Promise<void> {
  if (credentials.length === 0) return;
  const { Credential } = await accessModels(connection);
  await Credential.insertMany(
    credentials.map((credential) => ({
      ...credential,
      subjectId: new Types.ObjectId(credential.subjectId),
      ...(credential.engagementId ? { engagementId: new Types.ObjectId(credential.engagementId) } : {}),
    })),
    { session },
  );
}

export async function findCredentialByHash(connection: Connection, tokenHash: string): Promise<StoredCredential | undefined> {
  const { Credential } = await accessModels(connection);
  const doc = await Credential.findOne({ tokenHash }).lean();
  if (!doc) return undefined;
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    purpose: doc.purpose,
    subjectId: doc.subjectId.toHexString(),
    ...(doc.engagementId ? { engagementId: doc.engagementId.toHexString() } : {}),
    ...(doc.expiresAt ? { expiresAt: doc.expiresAt } : {}),
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt } : {}),
  };
}

/** Deletes one credential by its hash (signing out ends a session for good). */
export async function deleteCredentialByHash(connection: Connection, tokenHash: string): Promise<void> {
  const { Credential } = await accessModels(connection);
  await Credential.deleteOne({ tokenHash });
}

/** Moves the end of one credential (a session renewed when its person opens their link again). */
export async function setCredentialExpiry(connection: Connection, tokenHash: string, expiresAt: Date): Promise<void> {
  const { Credential } = await accessModels(connection);
  await Credential.updateOne({ tokenHash }, { $set: { expiresAt } });
}

/** Removes a subject's sessions that have expired, so signing in now and then keeps the collection small. */
export async function deleteExpiredSessions(connection: Connection, subjectId: string, now: Date): Promise<void> {
  const { Credential } = await accessModels(connection);
  await Credential.deleteMany({ subjectId: new Types.ObjectId(subjectId), purpose: 'session', expiresAt: mongoose.trusted({ $lte: now }) });
}

/** Revokes every live credential of a subject; answers how many were revoked. */
export async function revokeCredentials(connection: Connection, subjectId: string, at: Date, session?: ClientSession): Promise<number> {
  const { Credential } = await accessModels(connection);
  const result = await Credential.updateMany(
    { subjectId: new Types.ObjectId(subjectId), revokedAt: mongoose.trusted({ $exists: false }) },
    { $set: { revokedAt: at } },
    { session },
  );
  return result.modifiedCount;
}

/** Every credential tied to an engagement (its people's links and sessions), inside the caller's transaction. */
export async function deleteEngagementCredentials(connection: Connection, engagementId: string, session: ClientSession): Promise<number> {
  const { Credential } = await accessModels(connection);
  return (await Credential.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session })).deletedCount;
}

export interface StoredConsultant {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
}

export async function countConsultants(connection: Connection): Promise<number> {
  const { Consultant } = await accessModels(connection);
  return Consultant.countDocuments({});
}

export async function findConsultant(connection: Connection, id: string): Promise<StoredConsultant | undefined> {
  const { Consultant } = await accessModels(connection);
  const doc = await Consultant.findById(id).lean();
  return doc ? { id: doc._id.toHexString(), name: doc.name, email: doc.email, isAdmin: doc.isAdmin } : undefined;
}

/** Inserts a consultant; a taken email (or id) is a ConflictError. */
export async function insertConsultant(
  connection: Connection,
  consultant: { id?: string; name: string; email: string; isAdmin: boolean },
  session?: ClientSession,
): Promise<StoredConsultant> {
  const { Consultant } = await accessModels(connection);
  const _id = new Types.ObjectId(consultant.id);
  try {
    await Consultant.create([{ _id, name: consultant.name, email: consultant.email, isAdmin: consultant.isAdmin }], { session });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError('A consultant with this email already exists.', 'consultant-exists');
    }
    throw error;
  }
  return { id: _id.toHexString(), name: consultant.name, email: consultant.email, isAdmin: consultant.isAdmin };
}

/**
 * Marks a live (unrevoked, unexpired) credential of `purpose` as used, in one atomic update, and
 * returns it; undefined when there is none (never issued, already used, or expired). Two requests
 * racing with the same one-time secret cannot both get it.
 */
export async function consumeCredential(connection: Connection, tokenHash: string, purpose: string, now: Date): Promise<StoredCredential | undefined> {
  const { Credential } = await accessModels(connection);
  const doc = await Credential.findOneAndUpdate(
    { tokenHash, purpose, revokedAt: mongoose.trusted({ $exists: false }), expiresAt: mongoose.trusted({ $gt: now }) },
    { $set: { revokedAt: now } },
  ).lean();
  return doc ? { id: doc._id.toHexString(), kind: doc.kind, purpose: doc.purpose, subjectId: doc.subjectId.toHexString(), ...(doc.expiresAt ? { expiresAt: doc.expiresAt } : {}) } : undefined;
}
