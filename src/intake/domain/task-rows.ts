import { isPlainObject } from './normalise-answers.ts';
import type { Answers } from './question-bank.ts';

/** The id of the participant bank's task list, fixed by the API contract. */
export const TASK_LIST_ID = 'tasks';

/** The fields of a work task as reported; task records and the rows of an unsubmitted intake both have them. */
export interface TaskFields {
  text: string;
  hoursPerWeek: number;
  frequency?: string;
  painPoints?: string;
  dataSensitivity: string[];
  tools?: string;
}

/** A work task as the participant wrote it (its row of the task list), before it becomes a task record. */
export interface ReportedTask extends TaskFields {
  row: number;
}

/** The rows of the `tasks` list as reported tasks (a submitted intake has already passed the complete check). */
export function reportedTasks(answers: Answers): ReportedTask[] {
  const rows = Array.isArray(answers[TASK_LIST_ID]) ? (answers[TASK_LIST_ID] as unknown[]) : [];
  return rows.filter(isPlainObject).map((row, index) => ({
    row: index,
    text: String(row.description ?? ''),
    hoursPerWeek: typeof row.hoursPerWeek === 'number' ? row.hoursPerWeek : 0,
    ...optionalText(row, 'frequency'),
    ...optionalText(row, 'painPoints'),
    dataSensitivity: Array.isArray(row.dataSensitivity) ? row.dataSensitivity.map(String) : [],
    ...optionalText(row, 'tools'),
  }));
}

function optionalText(row: Record<string, unknown>, key: 'frequency' | 'painPoints' | 'tools'): Partial<ReportedTask> {
  return typeof row[key] === 'string' ? { [key]: row[key] } : {};
}
