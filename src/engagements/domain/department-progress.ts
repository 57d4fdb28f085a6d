import { listPersonIdsOfDepartment } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';

/** One department's people on the roster today, and how many of them have submitted, as committed. */
export interface DepartmentProgress {
  onRoster: number;
  submitted: number;
}

/**
 * Read on every submission (is this the department's last?), so it reads only the department's
 * people and counts their submitted intakes, instead of tallying the whole roster. People erased
 * from the roster are not waited for.
 */
export async function getDepartmentProgress(ctx: EngagementsContext, engagementId: string, department: string): Promise<DepartmentProgress> {
  const personIds = await listPersonIdsOfDepartment(ctx.connection, engagementId, department);
  const submitted = personIds.length > 0 ? await ctx.intakeRecords.countSubmitted(engagementId, personIds) : 0;
  return { onRoster: personIds.length, submitted };
}
