import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Types, type ClientSession, type Connection } from 'mongoose';
import { ConflictError } from '../../platform/errors.ts';
import { summariseVersion, type CohortPlan, type CurriculumVersionSummary, type CurriculumView, type StoredCurriculum } from '../domain/curriculum-version.ts';
import { curriculumModel, type CurriculumDoc } from './curriculum-model.ts';

const pack = promisify(gzip);
const unpack = promisify(gunzip);
const DUPLICATE_KEY = 11000;

/** What the payload holds. */
interface Packed {
  document: CurriculumView;
  plan: Record<string, CohortPlan>;
}

/** A new version as the generate use case hands it over (task text already stripped). */
export interface NewCurriculum {
  engagementId: string;
  shortlistId: string;
  generatedBy: string;
  generatedAt: Date;
  document: CurriculumView;
  plan: Record<string, CohortPlan>;
}

/** Thrown when another generation stored this version number first; the use case tries the next one. */
export class VersionTakenError extends ConflictError {
  constructor() {
    super('Another curriculum version was generated at the same moment; try again.', 'curriculum-version-taken');
  }
}

/** The latest version number of an engagement, 0 when it has none. */
export async function latestVersionNumber(connection: Connection, engagementId: string): Promise<number> {
  const Curriculum = await curriculumModel(connection);
  const doc = await Curriculum.findOne({ engagementId: new Types.ObjectId(engagementId) }, { version: 1 }).sort({ version: -1 }).lean();
  return doc?.version ?? 0;
}

/** Stores a version; the unique (engagement, version) index turns a race into `VersionTakenError`. */
export async function insertCurriculum(connection: Connection, input: NewCurriculum): Promise<StoredCurriculum> {
  const Curriculum = await curriculumModel(connection);
  const payload = await pack(Buffer.from(JSON.stringify({ document: input.document, plan: input.plan })));
  try {
    const doc = await Curriculum.create({
      engagementId: new Types.ObjectId(input.engagementId),
      version: input.document.version,
      status: 'draft',
      shortlistId: new Types.ObjectId(input.shortlistId),
      generatedBy: new Types.ObjectId(input.generatedBy),
      generatedAt: input.generatedAt,
      payload,
    });
    return toStored(doc.toObject() as CurriculumDoc, { document: input.document, plan: input.plan });
  } catch (error) {
    if ((error as { code?: number }).code === DUPLICATE_KEY) throw new VersionTakenError();
    throw error;
  }
}

/** The latest version, or the one asked for. */
export async function findCurriculum(connection: Connection, engagementId: string, version?: number): Promise<StoredCurriculum | undefined> {
  const Curriculum = await curriculumModel(connection);
  const filter = { engagementId: new Types.ObjectId(engagementId), ...(version !== undefined ? { version } : {}) };
  const doc = await Curriculum.findOne(filter).sort({ version: -1 }).lean();
  return doc ? toStored(doc as CurriculumDoc) : undefined;
}

/** The latest published version: what participants see. */
export async function findLatestPublished(connection: Connection, engagementId: string): Promise<StoredCurriculum | undefined> {
  const Curriculum = await curriculumModel(connection);
  const doc = await Curriculum.findOne({ engagementId: new Types.ObjectId(engagementId), status: 'published' }).sort({ version: -1 }).lean();
  return doc ? toStored(doc as CurriculumDoc) : undefined;
}

/** Every version, newest first. */
export async function listCurriculumVersions(connection: Connection, engagementId: string): Promise<CurriculumVersionSummary[]> {
  const Curriculum = await curriculumModel(connection);
  const docs = await Curriculum.find({ engagementId: new Types.ObjectId(engagementId) }).sort({ version: -1 }).lean();
  return Promise.all(docs.map(async (doc) => summariseVersion((await toStored(doc as CurriculumDoc)).document)));
}

/**
 * Marks a draft published inside the caller's transaction. False when it was published already
 * (a repeated request, or a concurrent one that got there first): the caller then queues nothing.
 */
export async function markPublished(connection: Connection, id: string, by: string, at: Date, session: ClientSession): Promise<boolean> {
  const Curriculum = await curriculumModel(connection);
  const result = await Curriculum.updateOne(
    { _id: new Types.ObjectId(id), status: 'draft' },
    { $set: { status: 'published', publishedBy: new Types.ObjectId(by), publishedAt: at } },
    { session },
  );
  return result.modifiedCount === 1;
}

async function toStored(doc: CurriculumDoc, unpacked?: Packed): Promise<StoredCurriculum> {
  const { document, plan } = unpacked ?? (JSON.parse((await unpack(binaryOf(doc.payload))).toString('utf8')) as Packed);
  const publishedAt = doc.publishedAt ? new Date(doc.publishedAt).toISOString() : undefined;
  return {
    id: doc._id.toHexString(),
    engagementId: doc.engagementId.toHexString(),
    version: doc.version,
    status: doc.status,
    shortlistId: doc.shortlistId.toHexString(),
    generatedBy: doc.generatedBy.toHexString(),
    ...(doc.publishedBy ? { publishedBy: doc.publishedBy.toHexString() } : {}),
    // State lives in plain fields (it changes); the packed document was written when it was a draft.
    document: { ...document, status: doc.status, ...(publishedAt ? { publishedAt } : {}) },
    plan,
  };
}

/** A lean read gives the driver's Binary rather than a Buffer. */
function binaryOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  const binary = value as { buffer?: Uint8Array };
  if (binary.buffer instanceof Uint8Array) return Buffer.from(binary.buffer);
  throw new Error('curriculum: stored payload is not binary');
}

/** Every version of an engagement's curriculum, inside the caller's transaction (removing a demo engagement). */
export async function deleteCurriculaOf(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const Curriculum = await curriculumModel(connection);
  await Curriculum.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}
