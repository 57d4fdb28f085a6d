import type { Engagement } from '../engagements/index.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { DemoContext } from './demo-context.ts';

/**
 * Removes a demo engagement and everything it left anywhere: answers, task records and their audit,
 * shortlist and curriculum versions, outbox mail, its people's links and sessions, the roster and the
 * engagement. One transaction: the demo is either all there or all gone. A real engagement (or
 * someone else's) is 404: its data is only ever erased person by person.
 */
export async function removeDemoEngagement(ctx: DemoContext, consultantId: string, engagementId: string): Promise<void> {
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  if (!engagement.isDemo) throw new NotFoundError('This engagement is not a demo; only a demo can be removed.', 'demo-not-found');
  await deleteEverything(ctx, engagement);
}

/** The cascade itself, also used to clean up a demo whose creation failed half-way. */
export async function deleteEverything(ctx: DemoContext, engagement: Engagement): Promise<void> {
  // Before the transaction: a match-cache write under way must land before its snapshot, not after.
  // Should the removal fail, the demo's tasks are matched at its next computation instead.
  await ctx.shortlist.forgetEngagement(engagement.id);
  await ctx.connection.transaction(async (session) => {
    await ctx.intake.deleteEngagementRecords(session, engagement.id);
    await ctx.shortlist.deleteShortlists(session, engagement.id);
    await ctx.curriculum.deleteCurricula(session, engagement.id);
    await ctx.mail.deleteOutbox(session, engagement.id);
    await ctx.access.deleteEngagementCredentials(session, engagement.id);
    await ctx.engagements.deleteEngagement(session, engagement.id);
  });
  ctx.logger.info({ engagementId: engagement.id }, 'demo engagement removed');
}
