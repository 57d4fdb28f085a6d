import type { TasksWritten } from '../../intake/index.ts';
import { engagementMatchScope, matchKeyOf } from '../domain/match-fingerprint.ts';
import { matchForShortlist } from '../domain/match-tasks.ts';
import type { ShortlistContext } from './context.ts';

/**
 * Matches tasks as they come in, against the engagement's modules as they are now, and holds the
 * results for its next computation. A person's handful of tasks takes well under a millisecond to
 * match; the consultant's first computation of a 5,000-person engagement would otherwise match
 * 40,000 of them at once (seconds) while they wait.
 */
export async function matchIncomingTasks(ctx: ShortlistContext, written: TasksWritten): Promise<void> {
  const engagement = await ctx.engagements.findEngagement(written.engagementId);
  if (!engagement || written.texts.length === 0) return;
  const { library, fingerprint } = engagementMatchScope(engagement, ctx.catalogue);
  const results = written.texts.map((text) => {
    const task = { text, department: written.department, roleLevel: written.roleLevel };
    return [matchKeyOf(task), matchForShortlist(ctx.catalogue, task, library.moduleIds)] as const;
  });
  ctx.incoming.add(written.engagementId, fingerprint, results);
}
