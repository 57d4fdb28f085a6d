import { Types, type Connection } from 'mongoose';
import { findAll } from '../../platform/find-all.ts';
import { intakeModels, type IntakeStatus, type TaskRecordDoc } from './intake-model.ts';

/**
 * Whole-engagement listings for components that weigh every task at once (the shortlist reads some
 * 40,000 task records of a 5,000-person engagement on each computation). Each is one `findAll`: only
 * the fields asked for, in no particular order, and no mongoose documents or casting in between,
 * which for tens of thousands of small records cost more than the reading itself.
 */

/** A task record reduced to what demand is weighed by. */
export interface TaskSummary {
  id: string;
  personId: string;
  text: string;
  hoursPerWeek: number;
  status: TaskRecordDoc['status'];
  /** The manager's 1–5, when they gave one. */
  priority?: number;
}

/** One intake's status and its answers to the questions asked for (unanswered ones absent). */
export interface AnswerSummary {
  personId: string;
  status: IntakeStatus;
  answers: Record<string, unknown>;
}

// Question ids are camelCase words; anything else could not be a projection path of `answers`.
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9]*$/;

type TaskSummaryDoc = Pick<TaskRecordDoc, '_id' | 'personId' | 'text' | 'hoursPerWeek' | 'status' | 'priority'>;

/** Every task record of an engagement, erased people's already deleted, in no particular order. */
export async function listTaskSummaries(connection: Connection, engagementId: string): Promise<TaskSummary[]> {
  const { TaskRecord } = await intakeModels(connection);
  const docs = await findAll<TaskSummaryDoc>(TaskRecord, { engagementId: new Types.ObjectId(engagementId) }, { projection: { personId: 1, text: 1, hoursPerWeek: 1, status: 1, priority: 1 } });
  return docs.map((doc) => {
    const summary: TaskSummary = { id: doc._id.toHexString(), personId: doc.personId.toHexString(), text: doc.text, hoursPerWeek: doc.hoursPerWeek, status: doc.status };
    if (typeof doc.priority === 'number') summary.priority = doc.priority;
    return summary;
  });
}

/**
 * Every task record's words only (showing a stored shortlist needs nothing else): the store projects
 * field by field, so three fields read in about 60 % of the time of six.
 */
export async function listTaskTexts(connection: Connection, engagementId: string): Promise<Array<Pick<TaskSummary, 'id' | 'personId' | 'text'>>> {
  const { TaskRecord } = await intakeModels(connection);
  const docs = await findAll<Pick<TaskSummaryDoc, '_id' | 'personId' | 'text'>>(TaskRecord, { engagementId: new Types.ObjectId(engagementId) }, { projection: { personId: 1, text: 1 } });
  return docs.map((doc) => ({ id: doc._id.toHexString(), personId: doc.personId.toHexString(), text: doc.text }));
}

/** Every intake of an engagement with its answers to `questionIds` only (an intake holds all answers, task rows included). */
export async function listAnswerSummaries(connection: Connection, engagementId: string, questionIds: readonly string[]): Promise<AnswerSummary[]> {
  const invalid = questionIds.filter((id) => !QUESTION_ID.test(id));
  if (invalid.length > 0) throw new Error(`listAnswerSummaries: not question ids: ${invalid.join(', ')}`);
  const { Intake } = await intakeModels(connection);
  const projection = Object.fromEntries([['personId', 1], ['status', 1], ...questionIds.map((id) => [`answers.${id}`, 1])]);
  const docs = await findAll<{ personId: Types.ObjectId; status: IntakeStatus; answers?: Record<string, unknown> }>(Intake, { engagementId: new Types.ObjectId(engagementId) }, { projection });
  return docs.map((doc) => ({ personId: doc.personId.toHexString(), status: doc.status, answers: doc.answers ?? {} }));
}
