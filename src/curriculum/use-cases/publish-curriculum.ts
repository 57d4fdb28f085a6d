import { listTaskRecords } from '../../intake/index.ts';
import { ConflictError } from '../../platform/errors.ts';
import { markPublished } from '../data-access/curriculum-repository.ts';
import { briefMailOf } from '../domain/brief-mail.ts';
import { createBriefBuilder } from '../domain/build-brief.ts';
import type { CurriculumContext } from './context.ts';
import { findOwnCurriculum } from './get-curriculum.ts';

/** The body of `POST …/curriculum/publish`: the version the consultant reviewed, when they say. */
export interface PublishInput {
  version?: number;
}

export interface PublishOutcome {
  version: number;
  status: 'published';
  publishedAt: string;
  /** Briefs queued by this request: 0 when the version was published before (nothing is sent twice). */
  briefsQueued: number;
  /** People the version plans for who are still on the roster. */
  participantCount: number;
}

/**
 * Publishes the latest version and, in the same transaction, hands each participant's brief to the
 * outbox hook: either all of it commits or none. Publishing a version already published queues
 * nothing (the outbox's dedupe key, one brief per person per version, backs this up).
 * A stated `version` that is no longer the latest is a 409: the consultant reviewed something else.
 */
export async function publishCurriculum(ctx: CurriculumContext, consultantId: string, engagementId: string, input: PublishInput): Promise<PublishOutcome> {
  const latest = await findOwnCurriculum(ctx, consultantId, engagementId);
  if (input.version !== undefined && input.version !== latest.version) {
    throw new ConflictError(`Version ${input.version} is not the latest curriculum (version ${latest.version} is); review the latest and publish that.`, 'curriculum-version-stale', { latestVersion: latest.version });
  }
  const [engagement, people, tasks] = await Promise.all([
    ctx.engagements.getOwnEngagement(consultantId, engagementId),
    ctx.engagements.listPeople(engagementId),
    listTaskRecords(ctx.connection, engagementId),
  ]);
  const planned = new Set(Object.values(latest.plan).flatMap((cohort) => cohort.personIds));
  const participants = people.filter((p) => planned.has(p.id));
  const publishedAt = ctx.now();
  const curriculum = { ...latest, document: { ...latest.document, status: 'published' as const, publishedAt: publishedAt.toISOString() } };
  const tasksOf = new Map<string, typeof tasks>();
  for (const task of tasks) {
    const own = tasksOf.get(task.personId);
    if (own) own.push(task);
    else tasksOf.set(task.personId, [task]);
  }
  const build = createBriefBuilder(curriculum);
  const briefs = participants.map((person) => briefMailOf(build({
    engagement: { id: engagement.id, name: engagement.name, client: engagement.client, timeZone: engagement.timeZone },
    person: { id: person.id, name: person.name, department: person.department, roleLevel: person.roleLevel },
    tasks: tasksOf.get(person.id) ?? [],
  }), { name: person.name, email: person.email }));

  const queued = await ctx.connection.transaction(async (session) => {
    if (!(await markPublished(ctx.connection, latest.id, consultantId, publishedAt, session))) return undefined;
    // People erased since they were listed get no brief; an erasure running meanwhile waits for this one (or it for the erasure).
    const onRoster = await ctx.engagements.fencePeople(session, engagementId, briefs.map((brief) => brief.personId));
    const sent = briefs.filter((brief) => onRoster.has(brief.personId));
    for (const brief of sent) await ctx.hooks.onBriefPublished(session, brief);
    return sent.length;
  });
  if (queued === undefined) {
    const current = await findOwnCurriculum(ctx, consultantId, engagementId, latest.version);
    return { version: latest.version, status: 'published', publishedAt: current.document.publishedAt ?? publishedAt.toISOString(), briefsQueued: 0, participantCount: participants.length };
  }
  ctx.logger.info({ engagementId, version: latest.version, briefCount: queued }, 'curriculum published');
  // Every participant still on the roster got a brief: those erased meanwhile no longer count.
  return { version: latest.version, status: 'published', publishedAt: publishedAt.toISOString(), briefsQueued: queued, participantCount: queued };
}
