import { NotFoundError } from '../../platform/errors.ts';
import { findLatestVersion, findShortlist } from '../data-access/shortlist-repository.ts';
import { currentTaskText, type ShortlistContext } from './context.ts';
import { engagementLibrary } from '../domain/engagement-library.ts';
import { presentShortlist, type ShortlistView } from '../domain/present-shortlist.ts';

/** `GET …/shortlist`: the latest version, or an earlier one by number; 404 when there is none. */
export async function getShortlist(ctx: ShortlistContext, consultantId: string, engagementId: string, version?: number): Promise<ShortlistView> {
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  const [stored, latestVersion, taskText] = await Promise.all([
    findShortlist(ctx.connection, engagementId, version),
    findLatestVersion(ctx.connection, engagementId),
    currentTaskText(ctx, engagementId),
  ]);
  if (!stored) {
    throw version === undefined
      ? new NotFoundError('This engagement has no shortlist yet; compute one with POST.', 'shortlist-not-found')
      : new NotFoundError(`This engagement has no shortlist version ${version}.`, 'shortlist-version-not-found');
  }
  return presentShortlist(stored, { taskText, availability: engagementLibrary(engagement, ctx.catalogue).availability, latestVersion: latestVersion ?? stored.version });
}
