import { listErasedPeople, listPeople } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import { STAGES, type Stage } from './engagement.ts';
import { withStages, type RosterPerson } from './list-roster.ts';
import { getOwnEngagement } from './manage-engagements.ts';

export type StageCounts = Record<Stage, number>;

export interface EngagementStatus {
  engagementId: string;
  totals: StageCounts;
  departments: Array<{ department: string } & StageCounts>;
}

/** Completion per engagement and department, as running totals (confirmed ⊆ submitted ⊆ started ⊆ invited). */
export async function getEngagementStatus(ctx: EngagementsContext, consultantId: string, engagementId: string): Promise<EngagementStatus> {
  return (await getRosterAndStatus(ctx, consultantId, engagementId)).status;
}

/**
 * The roster with stages and the completion counts from one read of each: the consultant's overview
 * shows both, and reading the people and their stages twice cost it a few hundred milliseconds on a
 * 5,000-person engagement.
 */
export async function getRosterAndStatus(ctx: EngagementsContext, consultantId: string, engagementId: string): Promise<{ roster: RosterPerson[]; status: EngagementStatus }> {
  const engagement = await getOwnEngagement(ctx, consultantId, engagementId);
  const [people, erased, stages] = await Promise.all([
    listPeople(ctx.connection, engagementId),
    listErasedPeople(ctx.connection, engagementId),
    ctx.intakeRecords.stagesByPerson(engagementId),
  ]);
  const roster = withStages(people, stages);
  return { roster, status: { engagementId, ...tallyStages(engagement.departments, [...roster, ...erased]) } };
}

/** Counts each person at their stage and every stage before it. Pure. */
export function tallyStages(departments: readonly string[], reached: Array<{ department: string; stage: Stage }>): Omit<EngagementStatus, 'engagementId'> {
  const empty = (): StageCounts => ({ invited: 0, started: 0, submitted: 0, confirmed: 0 });
  const totals = empty();
  const byDepartment = new Map<string, StageCounts>(departments.map((d) => [d, empty()]));
  for (const { department, stage } of reached) {
    const counts = byDepartment.get(department) ?? byDepartment.set(department, empty()).get(department)!;
    for (const s of STAGES.slice(0, STAGES.indexOf(stage) + 1)) {
      counts[s] += 1;
      totals[s] += 1;
    }
  }
  return { totals, departments: [...byDepartment].map(([department, counts]) => ({ department, ...counts })) };
}
