import { listAllEngagements } from '../data-access/engagement-repository.ts';
import { listPeople } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import type { Engagement, Person } from './engagement.ts';

/** Someone invited who has not submitted yet: a candidate for a reminder. */
export interface AwaitingIntake {
  engagement: Engagement;
  person: Person;
  /** `started` when they saved a draft. */
  stage: 'invited' | 'started';
}

/** Everyone on every roster who was invited and has not submitted, engagement by engagement. */
export async function listAwaitingIntake(ctx: EngagementsContext): Promise<AwaitingIntake[]> {
  const awaiting: AwaitingIntake[] = [];
  for (const engagement of await listAllEngagements(ctx.connection)) {
    const [people, stages] = await Promise.all([listPeople(ctx.connection, engagement.id), ctx.intakeRecords.stagesByPerson(engagement.id)]);
    for (const person of people) {
      const stage = stages.get(person.id);
      if (stage === undefined || stage === 'started') awaiting.push({ engagement, person, stage: stage ?? 'invited' });
    }
  }
  return awaiting;
}
