import { tombstonePerson } from '../data-access/person-repository.ts';
import type { EngagementsContext } from './context.ts';
import { assertStillOnRoster, getOwnPerson } from './invite-links.ts';

/**
 * Erases one person: their answers and tasks go, their links are revoked, the hooks erase what
 * others hold of them (the outbox's mail), and the roster entry becomes anonymous (department,
 * role level and how far they got stay, so the counts do not change).
 * One transaction, so an erasure never stops half-way.
 */
export async function erasePerson(ctx: EngagementsContext, consultantId: string, engagementId: string, personId: string): Promise<void> {
  const person = await getOwnPerson(ctx, consultantId, engagementId, personId);
  let afterCommit: Array<() => Promise<void>> = [];
  await ctx.connection.transaction(async (session) => {
    // A retried attempt hands its work over again.
    afterCommit = [];
    // A second erasure racing this one (a double click, a retry) would find no intake left.
    await assertStillOnRoster(ctx, engagementId, person.id, session);
    const stage = await ctx.intakeRecords.eraseIntake(session, engagementId, person.id, consultantId);
    await ctx.access.revokeTokens(session, person.id);
    // Before the tombstone: mail and the like find the person by the address it overwrites.
    await ctx.hooks.onPersonErased(session, { engagementId, personId: person.id, email: person.email }, (work) => afterCommit.push(work));
    await tombstonePerson(ctx.connection, person, stage ?? 'invited', ctx.now(), session);
  });
  ctx.logger.info({ engagementId, personId }, 'person erased');
  for (const work of afterCommit) {
    // The erasure stands; what is left behind is for an operator, whom the log tells.
    await work().catch((err: unknown) => ctx.logger.error({ err, engagementId, personId }, 'person erased, but cleaning up after the erasure failed'));
  }
}
