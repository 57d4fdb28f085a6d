import { UnprocessableError, type FieldProblem } from '../platform/errors.ts';
import type { TaskMatchResult } from '../matching/index.ts';
import type { ModuleCatalogue } from './module-catalogue.ts';

/** The body of `POST /api/v1/match` (shape checked by `match-request`). */
export interface MatchRequest {
  tasks: Array<{ id: string; text: string; department?: string; roleLevel?: 'contributor' | 'manager' | 'leader' }>;
  top?: number;
}

/** Same default as `tailor match`: three modules are what a consultant compares at a glance. */
export const DEFAULT_MATCH_TOP = 3;

/**
 * Matches each task against the whole library, in request order. Task ids must be unique, because
 * results are joined back to tasks by id; a repeated id is a 422 pointing at its second use.
 */
export function matchTasks(catalogue: ModuleCatalogue, request: MatchRequest): { results: Array<TaskMatchResult & { taskId: string }> } {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  request.tasks.forEach((task, i) => {
    if (seen.has(task.id)) problems.push({ pointer: `/tasks/${i}/id`, message: `repeats the task id "${task.id}"; ids must be unique.` });
    seen.add(task.id);
  });
  if (problems.length) throw new UnprocessableError('Task ids must be unique within a request.', problems, 'task-id-repeated');
  const top = request.top ?? DEFAULT_MATCH_TOP;
  return {
    results: request.tasks.map((task) => ({ ...catalogue.match(task, { top }), taskId: task.id })),
  };
}
