import { listPeople } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import type { Person, Stage } from './engagement.ts';
import type { IntakeStage } from './intake-port.ts';
import { getOwnEngagement } from './manage-engagements.ts';

/** A person on the roster with how far they have got, and whether others name them as manager. */
export type RosterPerson = Person & { stage: Stage; isManager: boolean };

/** The roster of one of this consultant's engagements, each person with their stage (404 for anyone else's engagement). */
export async function listRosterWithStages(ctx: EngagementsContext, consultantId: string, engagementId: string): Promise<RosterPerson[]> {
  await getOwnEngagement(ctx, consultantId, engagementId);
  const [people, stages] = await Promise.all([listPeople(ctx.connection, engagementId), ctx.intakeRecords.stagesByPerson(engagementId)]);
  return withStages(people, stages);
}

/** Each person with their stage (`invited` until they start) and whether someone names them as manager. */
export function withStages(people: Person[], stages: ReadonlyMap<string, IntakeStage>): RosterPerson[] {
  const managers = new Set(people.flatMap((p) => (p.managerEmail ? [p.managerEmail] : [])));
  return people.map((p) => ({ ...p, stage: stages.get(p.id) ?? 'invited', isManager: managers.has(p.email) }));
}
