import { DateTime } from 'luxon';
import { listIntakeAnswers, listTaskRecords } from '../../intake/index.ts';
import { insertCurriculum, latestVersionNumber, VersionTakenError } from '../data-access/curriculum-repository.ts';
import { assembleScheduleInput, type AssemblySources } from '../domain/assemble-schedule-input.ts';
import { composeView } from '../domain/compose-view.ts';
import { summariseVersion, withoutTaskText, type CurriculumView } from '../domain/curriculum-version.ts';
import { generateSchedule } from '../domain/schedule/generate-schedule.ts';
import type { CurriculumContext } from './context.ts';

/** Two consultants generating at the same instant each get a version; more tries than that means something is wrong. */
const MAX_ATTEMPTS = 5;

/**
 * Generates a new draft version from the approved shortlist and stores it next to the earlier ones.
 * 404 for someone else's engagement; 409 when the shortlist is missing or not approved. The number
 * is the latest + 1, and the unique index decides a race: the loser plans again under the next number.
 */
export async function generateCurriculum(ctx: CurriculumContext, consultantId: string, engagementId: string): Promise<CurriculumView> {
  const engagement = await ctx.engagements.getOwnEngagement(consultantId, engagementId);
  const shortlist = await ctx.shortlist.getApprovedShortlist(engagementId);
  const [shortlistView, people, tasks, intakes] = await Promise.all([
    ctx.shortlist.getShortlist(consultantId, engagementId, shortlist.version),
    ctx.engagements.listPeople(engagementId),
    listTaskRecords(ctx.connection, engagementId),
    listIntakeAnswers(ctx.connection, engagementId),
  ]);
  const generatedAt = ctx.now();
  const sources: Omit<AssemblySources, 'version'> = {
    engagement,
    shortlist,
    computedPeopleCounts: new Map(shortlistView.cohorts.map((c) => [c.id, c.peopleCount])),
    people,
    tasks,
    intakes: new Map(intakes.map((i) => [i.personId, i])),
    tagged: ctx.questions,
    findModule: (moduleId) => ctx.catalogue.find(moduleId),
    // The engagement's own calendar day: late evening in Berlin is already tomorrow in UTC+10.
    today: DateTime.fromJSDate(generatedAt, { zone: engagement.timeZone }).toISODate() ?? '',
  };

  for (let attempt = 1; ; attempt += 1) {
    const version = (await latestVersionNumber(ctx.connection, engagementId)) + 1;
    const assembled = assembleScheduleInput({ ...sources, version });
    const curriculum = generateSchedule(assembled.input, { ...ctx.options, invertedConcerns: assembled.invertedConcerns });
    const view = composeView(curriculum, assembled, { shortlistVersion: shortlist.version, generatedAt: generatedAt.toISOString() });
    try {
      await insertCurriculum(ctx.connection, {
        engagementId, shortlistId: shortlist.shortlistId, generatedBy: consultantId, generatedAt, document: withoutTaskText(view), plan: assembled.plan,
      });
    } catch (error) {
      if (error instanceof VersionTakenError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    const summary = summariseVersion(view);
    ctx.logger.info({ engagementId, version, shortlistVersion: shortlist.version, cohortCount: summary.cohortCount, sessionCount: summary.sessionCount, warningCount: summary.warningCount }, 'curriculum generated');
    return view;
  }
}
