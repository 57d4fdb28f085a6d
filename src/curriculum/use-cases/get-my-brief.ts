import { listTaskRecords } from '../../intake/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findLatestPublished } from '../data-access/curriculum-repository.ts';
import { BRIEF_PAGE_PATH } from '../domain/brief-mail.ts';
import { buildBrief, type PersonalBrief } from '../domain/build-brief.ts';
import type { StoredCurriculum } from '../domain/curriculum-version.ts';
import type { CurriculumContext } from './context.ts';

/** Whose brief: a person on an engagement's roster. */
export interface BriefSubject {
  engagementId: string;
  personId: string;
}

/**
 * A participant's brief from the latest published version. Drafts are the consultant's work in
 * progress, so until a version is published the answer is 404 `curriculum-not-published`.
 */
export async function getMyBrief(ctx: CurriculumContext, subject: BriefSubject): Promise<PersonalBrief> {
  const { brief } = await findMyBrief(ctx, subject);
  return brief;
}

/** The brief and the version it comes from (the calendar download needs both). */
export async function findMyBrief(ctx: CurriculumContext, subject: BriefSubject): Promise<{ brief: PersonalBrief; curriculum: StoredCurriculum }> {
  const [engagement, person] = await Promise.all([
    ctx.engagements.findEngagement(subject.engagementId),
    ctx.engagements.findPerson(subject.engagementId, subject.personId),
  ]);
  if (!engagement || !person) throw new NotFoundError('You are not on this engagement\'s roster any more.', 'person-not-found');
  const curriculum = await findLatestPublished(ctx.connection, subject.engagementId);
  if (!curriculum) {
    throw new NotFoundError('Your training programme has not been published yet; you will get an e-mail when it is.', 'curriculum-not-published');
  }
  const tasks = (await listTaskRecords(ctx.connection, subject.engagementId)).filter((t) => t.personId === person.id);
  const brief = buildBrief(curriculum, {
    engagement: { id: engagement.id, name: engagement.name, client: engagement.client, timeZone: engagement.timeZone },
    person: { id: person.id, name: person.name, department: person.department, roleLevel: person.roleLevel },
    tasks,
  });
  return { brief, curriculum };
}

/**
 * Where a personal link should land once a published version plans this person: their brief, which
 * the brief mail's link promises. Undefined otherwise, and for managers, whose team's review (work they
 * may still owe) stays first, with their brief one click away.
 */
export async function briefLandingFor(ctx: CurriculumContext, subject: BriefSubject): Promise<string | undefined> {
  const curriculum = await findLatestPublished(ctx.connection, subject.engagementId);
  if (!curriculum || !Object.values(curriculum.plan).some((cohort) => cohort.personIds.includes(subject.personId))) return undefined;
  const person = await ctx.engagements.findPerson(subject.engagementId, subject.personId);
  if (!person || (await ctx.engagements.isManager(subject.engagementId, person.email))) return undefined;
  return BRIEF_PAGE_PATH;
}
