import type { Response } from 'express';
import { actorOf } from '../../access/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { NavLink } from '../../web/index.ts';
import type { Author, IntakeContext, Subject } from '../use-cases/context.ts';

/** The signed-in person of a page request (after `requirePerson`). */
export function signedInPerson(res: Response): Subject & { author: Author } {
  const actor = actorOf(res);
  if (actor.kind !== 'person') throw new Error('signedInPerson(): route is missing requirePerson');
  return { engagementId: actor.engagementId, personId: actor.personId, author: { kind: 'person', id: actor.personId } };
}

/**
 * Where the person stands on the roster: whether others name them as their manager, and whether they
 * name one (someone at the top of the roster has nobody to review their tasks, and the pages say so).
 */
export async function rosterPlaceOf(ctx: IntakeContext, subject: Subject): Promise<{ isManager: boolean; hasManager: boolean }> {
  const person = await ctx.engagements.findPerson(subject.engagementId, subject.personId);
  if (!person) throw new NotFoundError('You are no longer on this engagement.', 'person-not-found');
  return { isManager: await ctx.engagements.isManager(subject.engagementId, person.email), hasManager: Boolean(person.managerEmail) };
}

/** True when others name this person as their manager. */
export async function isManagerOf(ctx: IntakeContext, subject: Subject): Promise<boolean> {
  return (await rosterPlaceOf(ctx, subject)).isManager;
}

/**
 * A person's navigation: their intake, their brief (curriculum's page, which says when it is not
 * published yet), and their team when they manage anyone. The same links as on the brief page.
 */
export function personNav(isManager: boolean, current: 'intake' | 'reports'): NavLink[] {
  const links: NavLink[] = [{ href: '/me/intake', label: 'Your answers', current: current === 'intake' }, { href: '/brief', label: 'Your brief' }];
  if (isManager) links.unshift({ href: '/me/reports', label: 'Your team', current: current === 'reports' });
  return links;
}

/** Where a person starts: a manager on their team's tasks (their own intake one click away), anyone else on their intake. */
export async function landingPathFor(ctx: IntakeContext, subject: Subject): Promise<string> {
  return (await isManagerOf(ctx, subject)) ? '/me/reports' : '/me/intake';
}
