import type { ClientSession } from 'mongoose';
import { NotFoundError } from '../../platform/errors.ts';
import { findPerson, hasReports, setInvitedAt } from '../data-access/person-repository.ts';
import { inviteUrlFor, type EngagementsContext } from './context.ts';
import type { Person } from './engagement.ts';
import { getOwnEngagement } from './manage-engagements.ts';

/** A person of one of this consultant's engagements; anything else is 404 `person-not-found`. */
export async function getOwnPerson(ctx: EngagementsContext, consultantId: string, engagementId: string, personId: string): Promise<Person> {
  await getOwnEngagement(ctx, consultantId, engagementId);
  const person = await findPerson(ctx.connection, engagementId, personId);
  if (!person) throw personNotFound();
  return person;
}

/**
 * Inside a transaction that acts on a person found before it: 404 when they left the roster meanwhile.
 * An erasure committed in between would otherwise be followed by a live link, an invitation, or a
 * second erasure that resets the stage the counts keep.
 */
export async function assertStillOnRoster(ctx: EngagementsContext, engagementId: string, personId: string, session: ClientSession): Promise<void> {
  if (!(await findPerson(ctx.connection, engagementId, personId, session))) throw personNotFound();
}

function personNotFound(): NotFoundError {
  return new NotFoundError('No such person on this engagement.', 'person-not-found');
}

/** Issues a new personal link and revokes the old ones (a lost or forwarded link stops working). */
export async function reissueInvite(
  ctx: EngagementsContext,
  consultantId: string,
  engagementId: string,
  personId: string,
): Promise<{ personId: string; token: string; inviteUrl: string; expiresAt: string }> {
  const person = await getOwnPerson(ctx, consultantId, engagementId, personId);
  const issued = await ctx.connection.transaction(async (session) => {
    await assertStillOnRoster(ctx, engagementId, person.id, session);
    await ctx.access.revokeTokens(session, person.id);
    const { token, expiresAt } = await ctx.access.issuePersonToken(session, { personId: person.id, engagementId });
    await setInvitedAt(ctx.connection, person.id, ctx.now(), session);
    const inviteUrl = inviteUrlFor(ctx.publicUrl, token);
    const role = (await hasReports(ctx.connection, engagementId, person.email, session)) ? 'both' : 'participant';
    await ctx.hooks.onPeopleInvited(session, [{
      engagementId, personId: person.id, name: person.name, email: person.email, token, inviteUrl,
      issuedAt: ctx.now().toISOString(), expiresAt: expiresAt.toISOString(), role, hasManager: person.managerEmail !== undefined,
    }]);
    return { personId: person.id, token, inviteUrl, expiresAt: expiresAt.toISOString() };
  });
  ctx.logger.info({ engagementId, personId }, 'invitation link reissued');
  return issued;
}

/** Revokes a person's links without issuing a new one. */
export async function revokeInvite(ctx: EngagementsContext, consultantId: string, engagementId: string, personId: string): Promise<void> {
  const person = await getOwnPerson(ctx, consultantId, engagementId, personId);
  const revoked = await ctx.access.revokeTokens(undefined, person.id);
  ctx.logger.info({ engagementId, personId, revoked }, 'invitation links revoked');
}
