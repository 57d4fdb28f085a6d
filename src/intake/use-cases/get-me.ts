import { NotFoundError } from '../../platform/errors.ts';
import { findIntake } from '../data-access/intake-repository.ts';
import type { IntakeContext, Subject } from './context.ts';
import { loadSubject } from './get-intake.ts';

/** Who a person is, which engagement they are on, which banks they answer, and where they stand. */
export interface MeView {
  person: { id: string; name: string; email: string; department: string; roleLevel: string };
  engagement: { id: string; name: string; client: string; timeZone: string };
  isManager: boolean;
  reportCount: number;
  banks: Array<{ id: string; version: number; title: string }>;
  intake: { status: string; version: number };
}

export async function getMe(ctx: IntakeContext, me: Subject): Promise<MeView> {
  const { person, audience, bank } = await loadSubject(ctx, me);
  const engagement = await ctx.engagements.findEngagement(me.engagementId);
  if (!engagement) throw new NotFoundError('No such engagement.', 'engagement-not-found');
  const [intake, reports] = await Promise.all([findIntake(ctx.connection, person.id), audience.isManager ? ctx.engagements.listReports(me.engagementId, person.email) : []]);
  return {
    person: { id: person.id, name: person.name, email: person.email, department: person.department, roleLevel: person.roleLevel },
    engagement: { id: engagement.id, name: engagement.name, client: engagement.client, timeZone: engagement.timeZone },
    isManager: audience.isManager,
    reportCount: reports.length,
    banks: bank.parts.map((part) => ({ ...part, title: ctx.banks.titleOf(part.id) })),
    intake: { status: intake?.status ?? 'not-started', version: intake?.version ?? 0 },
  };
}
