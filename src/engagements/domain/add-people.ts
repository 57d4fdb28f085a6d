import { ConflictError, UnprocessableError } from '../../platform/errors.ts';
import type { ClientSession } from 'mongoose';
import { fenceRoster } from '../data-access/engagement-repository.ts';
import { findPeopleByEmails, insertPeople, listManagersAmong, readManagerLinks, updatePerson } from '../data-access/person-repository.ts';
import { inviteUrlFor, type EngagementsContext, type Invitation } from './context.ts';
import type { Person } from './engagement.ts';
import { getOwnEngagement } from './manage-engagements.ts';
import { managerLoopProblems } from './manager-loops.ts';
import { prepareRoster, type EntryLocation, type RosterEntry, type RosterProblem } from './roster-rules.ts';

/** A person as the roster upload answers: new people carry their link (shown this once). */
/** `changed`: false for someone already on the roster exactly as sent, who was left as they were. */
export type AddedPerson = Person & { created: boolean; changed: boolean; token?: string; inviteUrl?: string; expiresAt?: string };

export interface AddPeopleResult {
  people: AddedPerson[];
  /** Manager emails nobody on the roster has yet: their reports wait for them to be added. */
  warnings: RosterProblem[];
}

/**
 * Adds people to a roster, or updates those whose email is already on it. People, their tokens and
 * the invitation hook are written in one transaction: an upload is applied completely or not at all.
 * Its rules are checked inside that transaction, against the departments and managers it reads.
 * `keepManagers` (a CSV without the `managerEmail` column) keeps the manager of each person updated.
 */
export async function addPeople(
  ctx: EngagementsContext,
  consultantId: string,
  engagementId: string,
  entries: RosterEntry[],
  locate: EntryLocation,
  options: { keepManagers?: boolean } = {},
): Promise<AddPeopleResult> {
  const { people, added: result } = await ctx.connection.transaction(async (session) => {
    // The departments as this transaction sees them, which a change of departments cannot alter
    // under it without one of the two retrying (see fenceRoster).
    const engagement = await getOwnEngagement(ctx, consultantId, engagementId, session);
    await fenceRoster(ctx.connection, engagementId, session);
    const { people, problems } = prepareRoster(engagement.departments, entries, locate);
    if (problems.length) throw new UnprocessableError('Some people could not be added; nothing was changed.', problems, 'roster-invalid');
    const loops = managerLoopProblems(people, await readManagerLinks(ctx.connection, engagementId, session), locate, options);
    if (loops.length) throw new UnprocessableError('Some people could not be added; nothing was changed.', loops, 'roster-invalid');
    const now = ctx.now();
    const existing = new Map((await findPeopleByEmails(ctx.connection, engagementId, people.map((p) => p.email), session)).map((p) => [p.email, p]));
    const fresh = people.filter((p) => !existing.has(p.email));
    const inserted = new Map((await insertPeople(ctx.connection, engagementId, fresh, now, session)).map((p) => [p.email, p]));
    const invitations: Invitation[] = [];
    const managers = await managerEmailsOf(ctx, engagementId, people, session);
    const freshPeople = fresh.map((entry) => inserted.get(entry.email)!);
    const tokens = await ctx.access.issuePersonTokens(session, freshPeople.map((person) => ({ personId: person.id, engagementId })));
    const tokenOf = new Map(freshPeople.map((person, i) => [person.email, tokens[i]]));
    const added: AddedPerson[] = [];
    for (const entry of people) {
      const known = existing.get(entry.email);
      if (known) {
        const fields = options.keepManagers && known.managerEmail ? { ...entry, managerEmail: known.managerEmail } : entry;
        // A roster sent again as it is writes nothing: re-uploading the whole file to add a few is common.
        const changed = !isAsOnRoster(known, fields);
        added.push({ ...(changed ? await updatePerson(ctx.connection, known.id, fields, session) : known), created: false, changed });
        continue;
      }
      const person = inserted.get(entry.email)!;
      const { token, expiresAt } = tokenOf.get(person.email)!;
      const inviteUrl = inviteUrlFor(ctx.publicUrl, token);
      invitations.push({
        engagementId, personId: person.id, name: person.name, email: person.email, token, inviteUrl,
        issuedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), role: managers.has(person.email) ? 'both' : 'participant',
        hasManager: person.managerEmail !== undefined,
      });
      added.push({ ...person, created: true, changed: true, token, inviteUrl, expiresAt: expiresAt.toISOString() });
    }
    if (invitations.length) await ctx.hooks.onPeopleInvited(session, invitations);
    return { people, added };
  }).catch(rosterChangedOnDuplicate);

  const onRoster = new Set([...result.map((p) => p.email), ...(await findPeopleByEmails(ctx.connection, engagementId, managerEmails(result))).map((p) => p.email)]);
  const warnings = people.flatMap((p, i) =>
    p.managerEmail && !onRoster.has(p.managerEmail) ? [{ ...locatedWarning(locate, i), message: `The manager ${p.managerEmail} is not on the roster yet; add them so they can review.` }] : [],
  );
  ctx.logger.info({ engagementId, created: result.filter((p) => p.created).length, updated: result.filter((p) => !p.created).length }, 'roster updated');
  return { people: result, warnings };
}

function isAsOnRoster(person: Person, entry: RosterEntry): boolean {
  return person.name === entry.name && person.department === entry.department && person.roleLevel === entry.roleLevel && person.managerEmail === entry.managerEmail;
}

/** Two uploads adding the same new email at once: the loser hears so (the store may only see it at commit). */
function rosterChangedOnDuplicate(error: unknown): never {
  if ((error as { code?: number }).code === 11000) {
    throw new ConflictError('The roster changed while these people were being added; send the request again.', 'roster-changed');
  }
  throw error;
}

/** Who is a manager once this upload lands: named by someone in it, or by someone already on the roster. */
async function managerEmailsOf(ctx: EngagementsContext, engagementId: string, upload: RosterEntry[], session: ClientSession): Promise<Set<string>> {
  const named = new Set(upload.flatMap((p) => (p.managerEmail ? [p.managerEmail] : [])));
  // One query for the whole upload: asking person by person cost seconds for a roster of thousands.
  const others = upload.map((p) => p.email).filter((email) => !named.has(email));
  for (const email of await listManagersAmong(ctx.connection, engagementId, others, session)) named.add(email);
  return named;
}

function managerEmails(people: Person[]): string[] {
  return [...new Set(people.flatMap((p) => (p.managerEmail ? [p.managerEmail] : [])))];
}

function locatedWarning(locate: EntryLocation, index: number): { pointer: string; line?: number } {
  const where = locate(index);
  return { pointer: `${where.pointer}/managerEmail`, ...(where.line ? { line: where.line } : {}) };
}
