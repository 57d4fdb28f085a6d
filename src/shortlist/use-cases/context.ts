import type { Connection } from 'mongoose';
import type { EngagementsComponent, Person } from '../../engagements/index.ts';
import { listTaskSummaries, listTaskTexts, type TaskSummary } from '../../intake/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import type { Logger } from '../../platform/logger.ts';
import type { BackgroundRuns } from '../domain/background-runs.ts';
import type { DelayedWrites } from '../domain/delayed-writes.ts';
import type { IncomingMatches } from '../domain/incoming-matches.ts';
import { matchKeyOf } from '../domain/match-fingerprint.ts';
import type { ComputedCohort } from '../domain/shortlist.ts';
import { weighTasks, type WeighedTask } from '../domain/weigh-tasks.ts';

/** What the shortlist use cases work with. */
export interface ShortlistContext {
  connection: Connection;
  engagements: Pick<EngagementsComponent, 'getOwnEngagement' | 'findEngagement' | 'listPeople'>;
  catalogue: ModuleCatalogue;
  /** Results of tasks matched as they came in, not yet in the stored match cache. */
  incoming: IncomingMatches;
  /** Matching that runs between requests (after a change of modules). */
  background: BackgroundRuns;
  /** Writes what `incoming` holds to the database soon after it is added (`writeHeldMatches`). */
  heldWrites: DelayedWrites;
  now: () => Date;
  logger: Logger;
}

/**
 * The words of the engagement's task records today, by task id, for people still on the roster.
 * Versions store no task text, so what an erased person wrote disappears from every version with them.
 */
export async function currentTaskText(ctx: ShortlistContext, engagementId: string): Promise<Map<string, string>> {
  const [people, records] = await Promise.all([ctx.engagements.listPeople(engagementId), listTaskTexts(ctx.connection, engagementId)]);
  return taskTextOf(records, people);
}

/**
 * The engagement's tasks today (people on the roster, rejected ones left out) by match-cache key, one
 * per distinct key: what background matching and the stop match or store, and nothing else.
 */
export async function currentTasksByKey(ctx: ShortlistContext, engagementId: string): Promise<Map<string, WeighedTask>> {
  const [records, people] = await Promise.all([listTaskSummaries(ctx.connection, engagementId), ctx.engagements.listPeople(engagementId)]);
  return new Map(weighTasks(records, people).map((task) => [matchKeyOf(task), task]));
}

/** Task words by id, for people on the roster. */
export function taskTextOf(records: readonly Pick<TaskSummary, 'id' | 'personId' | 'text'>[], people: readonly Person[]): Map<string, string> {
  const live = new Set(people.map((p) => p.id));
  const text = new Map<string, string>();
  for (const record of records) if (live.has(record.personId)) text.set(record.id, record.text);
  return text;
}

/** A stored cohort's tasks, ready to be matched again (a module pinned in later); tasks no longer on record are skipped. */
export function tasksOfCohort(cohort: ComputedCohort, taskText: ReadonlyMap<string, string>): WeighedTask[] {
  return cohort.tasks.flatMap((task) => {
    const text = taskText.get(task.taskId);
    if (text === undefined) return [];
    const { bestScore: _best, isGap: _gap, ...weights } = task;
    return [{ ...weights, text, department: cohort.department, roleLevel: cohort.roleLevel }];
  });
}
