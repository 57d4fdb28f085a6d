import type { FieldProblem } from '../../platform/errors.ts';

/** A manager's decision on one task, as sent (shape checked by `manager-review`). */
export interface TaskReviewInput {
  taskId: string;
  decision: 'confirm' | 'edit' | 'reject';
  text?: string;
  priority?: number;
  goLive?: string;
}

export interface ReviewInput {
  tasks: TaskReviewInput[];
  addedTasks?: Array<{ text: string; hoursPerWeek: number; priority: number; goLive?: string }>;
}

/**
 * A review decides every task the person reported, each once, and only theirs. A task id that is not
 * the report's is answered like an unknown one, so nothing about other people's tasks leaks.
 */
export function checkReview(reportedTaskIds: readonly string[], input: ReviewInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const own = new Set(reportedTaskIds);
  const seen = new Set<string>();
  input.tasks.forEach((task, i) => {
    if (!own.has(task.taskId)) problems.push({ pointer: `/tasks/${i}/taskId`, message: 'is not one of the tasks this person reported.' });
    else if (seen.has(task.taskId)) problems.push({ pointer: `/tasks/${i}/taskId`, message: 'is decided twice.' });
    seen.add(task.taskId);
  });
  for (const id of reportedTaskIds) {
    if (!seen.has(id)) problems.push({ pointer: '/tasks', message: `Task ${id} has no decision; confirm, edit or reject every task.` });
  }
  return problems;
}
