import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import { ConflictError } from '../../platform/errors.ts';
import { findAll } from '../../platform/find-all.ts';
import type { ErasedPerson, Person, RoleLevel, Stage } from '../domain/engagement.ts';
import { engagementModels, type PersonDoc } from './engagement-model.ts';
import { toObjectId } from './engagement-repository.ts';

export interface PersonFields {
  name: string;
  email: string;
  department: string;
  roleLevel: RoleLevel;
  managerEmail?: string;
}

// sanitizeFilter is on globally: operators we write ourselves must be marked as trusted.
const live = () => ({ erasedAt: mongoose.trusted({ $exists: false }) });

export async function findPeopleByEmails(connection: Connection, engagementId: string, emails: string[], session?: ClientSession): Promise<Person[]> {
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), email: mongoose.trusted({ $in: emails }), ...live() }).session(session ?? null).lean();
  return docs.map(toPerson);
}

/** The ids of everyone on the roster in one department (erased people excluded). */
export async function listPersonIdsOfDepartment(connection: Connection, engagementId: string, department: string): Promise<string[]> {
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), department, ...live() }, { _id: 1 }).lean();
  return docs.map((doc) => String(doc._id));
}

/** The departments someone on the roster is on (erased people excluded). */
export async function listDepartmentsInUse(connection: Connection, engagementId: string, session: ClientSession): Promise<string[]> {
  const { Person } = await engagementModels(connection);
  return Person.distinct('department', { engagementId: new Types.ObjectId(engagementId), ...live() }).session(session);
}

/** A live (not erased) person of this engagement. */
export async function findPerson(connection: Connection, engagementId: string, personId: string, session?: ClientSession): Promise<Person | undefined> {
  const _id = toObjectId(personId);
  const engagement = toObjectId(engagementId);
  if (!_id || !engagement) return undefined;
  const { Person } = await engagementModels(connection);
  const doc = await Person.findOne({ _id, engagementId: engagement, ...live() }).session(session ?? null).lean();
  return doc ? toPerson(doc) : undefined;
}

/** Everyone on the roster, in the order they were added: read with `findAll`, as a shortlist reads 5,000 at once. */
export async function listPeople(connection: Connection, engagementId: string): Promise<Person[]> {
  const { Person } = await engagementModels(connection);
  const docs = await findAll<PersonDoc>(Person, { engagementId: new Types.ObjectId(engagementId), erasedAt: { $exists: false } }, { sort: { createdAt: 1, _id: 1 } });
  return docs.map(toPerson);
}

/** The people who name `managerEmail` as their manager. */
export async function listReportsOf(connection: Connection, engagementId: string, managerEmail: string): Promise<Person[]> {
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), managerEmail, ...live() }).sort({ name: 1, _id: 1 }).lean();
  return docs.map(toPerson);
}

/** Those of these emails that someone on the roster names as their manager. */
export async function listManagersAmong(connection: Connection, engagementId: string, emails: readonly string[], session?: ClientSession): Promise<string[]> {
  if (emails.length === 0) return [];
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), managerEmail: mongoose.trusted({ $in: emails }), ...live() }, { managerEmail: 1 }).session(session ?? null).lean();
  return [...new Set(docs.map((doc) => doc.managerEmail!))];
}

/** Who manages whom on the roster now (email → manager email), read inside the upload's transaction. */
export async function readManagerLinks(connection: Connection, engagementId: string, session: ClientSession): Promise<Map<string, string>> {
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), managerEmail: mongoose.trusted({ $exists: true }), ...live() }, { _id: 0, email: 1, managerEmail: 1 })
    .session(session).lean();
  return new Map(docs.map((doc) => [doc.email, doc.managerEmail!]));
}

export async function hasReports(connection: Connection, engagementId: string, email: string, session?: ClientSession): Promise<boolean> {
  const { Person } = await engagementModels(connection);
  return (await Person.exists({ engagementId: new Types.ObjectId(engagementId), managerEmail: email, ...live() }).session(session ?? null)) !== null;
}

export async function listErasedPeople(connection: Connection, engagementId: string): Promise<ErasedPerson[]> {
  const { Person } = await engagementModels(connection);
  const docs = await Person.find({ engagementId: new Types.ObjectId(engagementId), erasedAt: mongoose.trusted({ $exists: true }) }).lean();
  return docs.map((d) => ({ id: d._id.toHexString(), department: d.department, roleLevel: d.roleLevel, stage: d.erasedStage ?? 'invited' }));
}

/** Inserts new people; a concurrent insert of the same email surfaces as a 409 rather than a duplicate. */
export async function insertPeople(connection: Connection, engagementId: string, people: PersonFields[], invitedAt: Date, session: ClientSession): Promise<Person[]> {
  const { Person } = await engagementModels(connection);
  const docs = people.map((p) => ({ ...p, _id: new Types.ObjectId(), engagementId: new Types.ObjectId(engagementId), invitedAt }));
  try {
    const created = await Person.insertMany(docs, { session, ordered: true });
    return created.map((doc) => toPerson(doc.toObject()));
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError('The roster changed while these people were being added; send the request again.', 'roster-changed');
    }
    throw error;
  }
}

/** A re-issued link is a new invitation: reminders count their days from it. */
export async function setInvitedAt(connection: Connection, personId: string, invitedAt: Date, session: ClientSession): Promise<void> {
  const { Person } = await engagementModels(connection);
  await Person.updateOne({ _id: new Types.ObjectId(personId) }, { $set: { invitedAt } }, { session });
}

export async function updatePerson(connection: Connection, personId: string, fields: PersonFields, session: ClientSession): Promise<Person> {
  const { Person } = await engagementModels(connection);
  const unset = fields.managerEmail === undefined ? { $unset: { managerEmail: 1 } } : {};
  const doc = await Person.findByIdAndUpdate(new Types.ObjectId(personId), { $set: fields, ...unset }, { returnDocument: 'after', session }).lean();
  if (!doc) throw new Error(`updatePerson: person ${personId} vanished inside its transaction`);
  return toPerson(doc);
}

/**
 * Inside a transaction that writes something for or about people (an intake's first save, a reminder,
 * a brief): those of `personIds` still on the roster. It writes each of their records (`fenceCount`),
 * so an erasure of one of them running at the same time conflicts with the transaction (one retries
 * after the other) instead of missing what it writes: answers or mail would otherwise outlive the erasure.
 * Ids come back as the store spells them (lowercase hex).
 */
export async function fencePeople(connection: Connection, engagementId: string, personIds: readonly string[], session: ClientSession): Promise<Set<string>> {
  const engagement = toObjectId(engagementId);
  const ids = personIds.flatMap((id) => toObjectId(id) ?? []);
  if (!engagement || ids.length === 0) return new Set();
  const { Person } = await engagementModels(connection);
  const filter = { _id: mongoose.trusted({ $in: ids }), engagementId: engagement, ...live() };
  const held = await Person.find(filter, { _id: 1 }).session(session).lean();
  if (held.length > 0) await Person.updateMany(filter, { $inc: { fenceCount: 1 } }, { session, timestamps: false });
  return new Set(held.map((p) => String(p._id)));
}

/** Inside an intake's first save: true when the person is still on the roster (see `fencePeople`). */
export async function noteIntakeStarted(connection: Connection, engagementId: string, personId: string, session: ClientSession): Promise<boolean> {
  return (await fencePeople(connection, engagementId, [personId], session)).size === 1;
}

/** Moves everyone (erased people too, whose counts remain) from one spelling of a department to another; answers how many moved. */
export async function renameDepartments(connection: Connection, engagementId: string, renames: ReadonlyArray<{ from: string; to: string }>, session: ClientSession): Promise<number> {
  const { Person } = await engagementModels(connection);
  let moved = 0;
  for (const { from, to } of renames) {
    moved += (await Person.updateMany({ engagementId: new Types.ObjectId(engagementId), department: from }, { $set: { department: to } }, { session })).modifiedCount;
  }
  return moved;
}

/** Replaces a person by an anonymous record that keeps only department, role level and stage. */
export async function tombstonePerson(connection: Connection, person: Person, stage: Stage, at: Date, session: ClientSession): Promise<void> {
  const { Person } = await engagementModels(connection);
  await Person.updateOne(
    { _id: new Types.ObjectId(person.id) },
    { $set: { name: 'Erased person', email: `erased-${person.id}@erased.invalid`, erasedAt: at, erasedStage: stage }, $unset: { managerEmail: 1 } },
    { session },
  );
  // The erased person's email also lives on as their reports' manager link.
  await Person.updateMany({ engagementId: new Types.ObjectId(person.engagementId), managerEmail: person.email }, { $unset: { managerEmail: 1 } }, { session });
}

function toPerson(doc: PersonDoc): Person {
  return {
    id: doc._id.toHexString(),
    engagementId: doc.engagementId.toHexString(),
    name: doc.name,
    email: doc.email,
    department: doc.department,
    roleLevel: doc.roleLevel,
    ...(doc.managerEmail ? { managerEmail: doc.managerEmail } : {}),
    invitedAt: doc.invitedAt.toISOString(),
  };
}
