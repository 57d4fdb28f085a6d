import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import { ConflictError } from '../../platform/errors.ts';
import type { BankPart } from '../domain/question-bank.ts';
import { intakeModels, type IntakeDoc, type IntakeStatus } from './intake-model.ts';

export type { IntakeStatus };

/** An intake as plain data. */
export interface StoredIntake {
  id: string;
  engagementId: string;
  personId: string;
  status: IntakeStatus;
  answers: Record<string, unknown>;
  version: number;
  bank: { id: string; version: number; parts: BankPart[] };
  submittedAt?: string;
  reviewedAt?: string;
  reviewedBy?: string;
  conductedBy?: string;
  updatedAt: string;
}

/** The fields a save may change. */
export interface IntakeChanges {
  status?: IntakeStatus;
  answers?: Record<string, unknown>;
  bank?: { id: string; version: number; parts: BankPart[] };
  submittedAt?: Date;
  reviewedAt?: Date;
  reviewedBy?: string;
  conductedBy?: string;
}

const STALE = () => new ConflictError('The intake was changed in the meantime; load it again and reapply your changes.', 'intake-version-conflict');

/**
 * Two first saves of one intake race: the loser's transaction is retried after a write conflict and
 * then meets the winner's intake, as a version conflict or, when its insert reaches the unique
 * index first, as a duplicate key. Either way it deserves the same 409.
 */
export function staleOnDuplicate(error: unknown): never {
  if ((error as { code?: number }).code === 11000) throw STALE();
  throw error;
}

export async function findIntake(connection: Connection, personId: string, session?: ClientSession): Promise<StoredIntake | undefined> {
  const { Intake } = await intakeModels(connection);
  const doc = await Intake.findOne({ personId: new Types.ObjectId(personId) }).session(session ?? null).lean();
  return doc ? toIntake(doc) : undefined;
}

export async function listIntakes(connection: Connection, engagementId: string): Promise<StoredIntake[]> {
  const { Intake } = await intakeModels(connection);
  const docs = await Intake.find({ engagementId: new Types.ObjectId(engagementId) }).lean();
  return docs.map(toIntake);
}

export async function findIntakesOf(connection: Connection, personIds: string[]): Promise<StoredIntake[]> {
  const { Intake } = await intakeModels(connection);
  const docs = await Intake.find({ personId: mongoose.trusted({ $in: personIds.map((id) => new Types.ObjectId(id)) }) }).lean();
  return docs.map(toIntake);
}

/** How many of these people of the engagement have submitted their intake (and perhaps been confirmed since): a count, no documents read out. */
export async function countSubmittedAmong(connection: Connection, engagementId: string, personIds: readonly string[]): Promise<number> {
  const { Intake } = await intakeModels(connection);
  const status: IntakeStatus[] = ['submitted', 'confirmed'];
  return Intake.countDocuments({
    engagementId: new Types.ObjectId(engagementId),
    personId: mongoose.trusted({ $in: personIds.map((id) => new Types.ObjectId(id)) }),
    status: mongoose.trusted({ $in: status }),
  });
}

/** Creates version 1; a concurrent first save loses with 409, as any stale save does. */
export async function insertIntake(
  connection: Connection,
  intake: { engagementId: string; personId: string } & Required<Pick<IntakeChanges, 'status' | 'answers' | 'bank'>> & IntakeChanges,
  session: ClientSession,
): Promise<void> {
  const { Intake } = await intakeModels(connection);
  try {
    await Intake.create([{ ...toFields(intake), engagementId: new Types.ObjectId(intake.engagementId), personId: new Types.ObjectId(intake.personId), version: 1 }], { session });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw STALE();
    throw error;
  }
}

/** Applies changes only if the intake is still at `expectedVersion`, and bumps it; otherwise 409. */
export async function updateIntake(connection: Connection, intakeId: string, expectedVersion: number, changes: IntakeChanges, session: ClientSession): Promise<void> {
  const { Intake } = await intakeModels(connection);
  const result = await Intake.updateOne(
    { _id: new Types.ObjectId(intakeId), version: expectedVersion },
    { $set: toFields(changes), $inc: { version: 1 } },
    { session },
  );
  if (result.matchedCount === 0) throw STALE();
}

export async function deleteIntake(connection: Connection, personId: string, session: ClientSession): Promise<void> {
  const { Intake } = await intakeModels(connection);
  await Intake.deleteOne({ personId: new Types.ObjectId(personId) }, { session });
}

/** Every intake of an engagement (removing a demo engagement). */
export async function deleteIntakesOfEngagement(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const { Intake } = await intakeModels(connection);
  await Intake.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}

function toFields(changes: IntakeChanges): Record<string, unknown> {
  const { bank, reviewedBy, conductedBy, ...rest } = changes;
  return {
    ...rest,
    ...(bank ? { bankId: bank.id, bankVersion: bank.version, bankParts: bank.parts } : {}),
    ...(reviewedBy ? { reviewedBy: new Types.ObjectId(reviewedBy) } : {}),
    ...(conductedBy ? { conductedBy: new Types.ObjectId(conductedBy) } : {}),
  };
}

function toIntake(doc: IntakeDoc): StoredIntake {
  return {
    id: doc._id.toHexString(),
    engagementId: doc.engagementId.toHexString(),
    personId: doc.personId.toHexString(),
    status: doc.status,
    answers: doc.answers ?? {},
    version: doc.version,
    bank: { id: doc.bankId, version: doc.bankVersion, parts: (doc.bankParts ?? []).map((p) => ({ id: p.id, version: p.version })) },
    ...(doc.submittedAt ? { submittedAt: doc.submittedAt.toISOString() } : {}),
    ...(doc.reviewedAt ? { reviewedAt: doc.reviewedAt.toISOString() } : {}),
    ...(doc.reviewedBy ? { reviewedBy: doc.reviewedBy.toHexString() } : {}),
    ...(doc.conductedBy ? { conductedBy: doc.conductedBy.toHexString() } : {}),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
