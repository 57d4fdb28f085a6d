import mongoose, { Types, type ClientSession, type Connection } from 'mongoose';
import type { ReportedTask } from '../domain/task-rows.ts';
import { intakeModels, type TaskRecordDoc } from './intake-model.ts';

export type TaskStatus = TaskRecordDoc['status'];

/** A task record as plain data: a participant's task (or one their manager added) and the manager's decision. */
export interface TaskRecord {
  id: string;
  engagementId: string;
  personId: string;
  source: 'participant' | 'manager';
  text: string;
  originalText?: string;
  hoursPerWeek: number;
  frequency?: string;
  painPoints?: string;
  dataSensitivity: string[];
  tools?: string;
  status: TaskStatus;
  priority?: number;
  goLive?: string;
  reviewedAt?: string;
}

/** What a manager decided about one task. */
export interface TaskDecision {
  taskId: string;
  status: 'confirmed' | 'rejected';
  text?: string;
  originalText?: string;
  priority?: number;
  goLive?: string;
}

/** Replaces a person's own tasks with those of their (re)submitted intake. */
export async function replaceParticipantTasks(
  connection: Connection,
  owner: { engagementId: string; personId: string },
  tasks: ReportedTask[],
  session: ClientSession,
): Promise<void> {
  const { TaskRecord } = await intakeModels(connection);
  const personId = new Types.ObjectId(owner.personId);
  await TaskRecord.deleteMany({ personId, source: 'participant' }, { session });
  if (tasks.length === 0) return;
  await TaskRecord.insertMany(
    tasks.map((t) => ({ ...t, engagementId: new Types.ObjectId(owner.engagementId), personId, source: 'participant', status: 'submitted' })),
    { session },
  );
}

export async function listTasksOfPerson(connection: Connection, personId: string, session?: ClientSession): Promise<TaskRecord[]> {
  const { TaskRecord } = await intakeModels(connection);
  const docs = await TaskRecord.find({ personId: new Types.ObjectId(personId) }).sort({ source: -1, row: 1, _id: 1 }).session(session ?? null).lean();
  return docs.map(toTask);
}

export async function listTasksOfPeople(connection: Connection, personIds: string[]): Promise<TaskRecord[]> {
  const { TaskRecord } = await intakeModels(connection);
  const docs = await TaskRecord.find({ personId: mongoose.trusted({ $in: personIds.map((id) => new Types.ObjectId(id)) }) })
    .sort({ personId: 1, source: -1, row: 1, _id: 1 })
    .lean();
  return docs.map(toTask);
}

export async function listTasksOfEngagement(connection: Connection, engagementId: string): Promise<TaskRecord[]> {
  const { TaskRecord } = await intakeModels(connection);
  const docs = await TaskRecord.find({ engagementId: new Types.ObjectId(engagementId) }).sort({ personId: 1, source: -1, row: 1, _id: 1 }).lean();
  return docs.map(toTask);
}

/** Records a manager's review: decisions on the person's tasks, and the tasks the manager added (replacing earlier ones). */
export async function recordReview(
  connection: Connection,
  review: { engagementId: string; personId: string; reviewerId: string; at: Date },
  decisions: TaskDecision[],
  added: Array<{ text: string; hoursPerWeek: number; priority: number; goLive?: string }>,
  session: ClientSession,
): Promise<void> {
  const { TaskRecord } = await intakeModels(connection);
  const personId = new Types.ObjectId(review.personId);
  const reviewedBy = new Types.ObjectId(review.reviewerId);
  for (const d of decisions) {
    const set = {
      status: d.status,
      reviewedBy,
      reviewedAt: review.at,
      ...(d.text !== undefined ? { text: d.text, originalText: d.originalText } : {}),
      ...(d.priority !== undefined ? { priority: d.priority } : {}),
      ...(d.goLive !== undefined ? { goLive: d.goLive } : {}),
    };
    await TaskRecord.updateOne({ _id: new Types.ObjectId(d.taskId), personId }, { $set: set }, { session });
  }
  await TaskRecord.deleteMany({ personId, source: 'manager' }, { session });
  if (added.length === 0) return;
  await TaskRecord.insertMany(
    added.map((t) => ({ ...t, engagementId: new Types.ObjectId(review.engagementId), personId, source: 'manager', status: 'confirmed', dataSensitivity: [], reviewedBy, reviewedAt: review.at })),
    { session },
  );
}

export async function deleteTasksOfPerson(connection: Connection, personId: string, session: ClientSession): Promise<void> {
  const { TaskRecord } = await intakeModels(connection);
  await TaskRecord.deleteMany({ personId: new Types.ObjectId(personId) }, { session });
}

/** Every task record of an engagement (removing a demo engagement). */
export async function deleteTasksOfEngagement(connection: Connection, engagementId: string, session: ClientSession): Promise<void> {
  const { TaskRecord } = await intakeModels(connection);
  await TaskRecord.deleteMany({ engagementId: new Types.ObjectId(engagementId) }, { session });
}

function toTask(doc: TaskRecordDoc): TaskRecord {
  return {
    id: doc._id.toHexString(),
    engagementId: doc.engagementId.toHexString(),
    personId: doc.personId.toHexString(),
    source: doc.source,
    text: doc.text,
    ...(doc.originalText ? { originalText: doc.originalText } : {}),
    hoursPerWeek: doc.hoursPerWeek,
    ...(doc.frequency ? { frequency: doc.frequency } : {}),
    ...(doc.painPoints ? { painPoints: doc.painPoints } : {}),
    dataSensitivity: [...(doc.dataSensitivity ?? [])],
    ...(doc.tools ? { tools: doc.tools } : {}),
    status: doc.status,
    ...(doc.priority !== undefined && doc.priority !== null ? { priority: doc.priority } : {}),
    ...(doc.goLive ? { goLive: doc.goLive } : {}),
    ...(doc.reviewedAt ? { reviewedAt: doc.reviewedAt.toISOString() } : {}),
  };
}
