import type { Person, RoleLevel } from '../../engagements/index.ts';
import type { TaskSummary } from '../../intake/index.ts';
import type { TaskConfirmation } from './shortlist.ts';

/**
 * A task the participant submitted but their manager has not reviewed yet still counts: it is real
 * evidence of the work. Its hours and importance are one person's estimate, though, and managers
 * reject or reword a fair share of tasks, so it weighs half: an unreviewed team stays visible, and
 * confirmed demand of the same size ranks ahead of it.
 */
export const UNCONFIRMED_TASK_WEIGHT = 0.5;

/**
 * Managers give each confirmed task a priority from 1 to 5; unreviewed tasks have none. They get the
 * middle of that scale, so a number nobody gave neither promotes nor buries them.
 */
export const DEFAULT_PRIORITY = 3;

/** A task record ready for matching: its words, who reported it, and its weights. */
export interface WeighedTask {
  taskId: string;
  personId: string;
  text: string;
  department: string;
  roleLevel: RoleLevel;
  hoursPerWeek: number;
  priority: number;
  isPriorityDefault: boolean;
  status: TaskConfirmation;
  weight: number;
}

/**
 * The tasks a shortlist is made of: confirmed ones fully, submitted ones marked `unconfirmed` and
 * weighed less; rejected ones never; and only those of people still on the roster (an erased
 * person's records are deleted, and this also drops any left by a person no longer listed).
 */
export function weighTasks(records: readonly TaskSummary[], people: readonly Person[]): WeighedTask[] {
  const personById = new Map(people.map((person) => [person.id, person]));
  const tasks: WeighedTask[] = [];
  for (const record of records) {
    const person = personById.get(record.personId);
    if (!person || record.status === 'rejected') continue;
    const status: TaskConfirmation = record.status === 'confirmed' ? 'confirmed' : 'unconfirmed';
    const hasPriority = typeof record.priority === 'number';
    tasks.push({
      taskId: record.id,
      personId: record.personId,
      text: record.text,
      department: person.department,
      roleLevel: person.roleLevel,
      hoursPerWeek: Math.max(0, record.hoursPerWeek),
      priority: hasPriority ? record.priority! : DEFAULT_PRIORITY,
      isPriorityDefault: !hasPriority,
      status,
      weight: status === 'confirmed' ? 1 : UNCONFIRMED_TASK_WEIGHT,
    });
  }
  return tasks;
}
