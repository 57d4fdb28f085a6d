import type { Engagement } from '../../engagements/index.ts';
import { listTaskRecords } from '../../intake/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findCurriculum, listCurriculumVersions } from '../data-access/curriculum-repository.ts';
import { withTaskText, type CurriculumVersionSummary, type CurriculumView, type StoredCurriculum } from '../domain/curriculum-version.ts';
import type { CurriculumContext } from './context.ts';

/**
 * The latest version of one of the consultant's engagements, or `version`, with the task words
 * read from today's records (an erased person's words are gone from every version).
 */
export async function getCurriculum(ctx: CurriculumContext, consultantId: string, engagementId: string, version?: number): Promise<CurriculumView> {
  return (await getCurriculumOfEngagement(ctx, consultantId, engagementId, version)).view;
}

/** The same, with the engagement it belongs to (the printable document names the client). */
export async function getCurriculumOfEngagement(ctx: CurriculumContext, consultantId: string, engagementId: string, version?: number): Promise<{ view: CurriculumView; engagement: Engagement }> {
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  const stored = await findVersion(ctx, engagementId, version);
  return { view: withTaskText(stored.document, await currentTaskText(ctx, engagementId)), engagement };
}

/** The stored version (task text stripped) after the ownership check; 404 when there is none. */
export async function findOwnCurriculum(ctx: CurriculumContext, consultantId: string, engagementId: string, version?: number): Promise<StoredCurriculum> {
  await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  return findVersion(ctx, engagementId, version);
}

async function findVersion(ctx: CurriculumContext, engagementId: string, version: number | undefined): Promise<StoredCurriculum> {
  const stored = await findCurriculum(ctx.connection, engagementId, version);
  if (stored) return stored;
  throw version === undefined
    ? new NotFoundError('No curriculum has been generated for this engagement yet; approve the shortlist and POST …/curriculum.', 'curriculum-not-found')
    : new NotFoundError(`This engagement has no curriculum version ${version}.`, 'curriculum-version-not-found');
}

/** Every version of one of the consultant's engagements, newest first. */
export async function listVersions(ctx: CurriculumContext, consultantId: string, engagementId: string): Promise<CurriculumVersionSummary[]> {
  await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  return listCurriculumVersions(ctx.connection, engagementId);
}

/** Task words by id, for people on the roster (intake leaves erased people's records out). */
export async function currentTaskText(ctx: CurriculumContext, engagementId: string): Promise<Map<string, string>> {
  return new Map((await listTaskRecords(ctx.connection, engagementId)).map((t) => [t.id, t.text]));
}
