import type { Flag, RosterChanges } from './curriculum-version.ts';
import { newFlag } from './schedule/new-flag.ts';
import type { RoleLevel } from './schedule/schedule-input.ts';

/** A cohort of the approved shortlist, as far as comparing it with the roster needs. */
export interface ShortlistCohortFacts {
  id: string;
  department: string;
  roleLevel: RoleLevel;
  personIds: readonly string[];
  taskIds: readonly string[];
  /** How many people the shortlist counted when it was computed (erased people included). */
  computedPeopleCount: number;
}

export interface RosterFacts {
  people: ReadonlyArray<{ id: string; department: string; roleLevel: RoleLevel }>;
  tasks: ReadonlyArray<{ id: string; personId: string; status: string }>;
}

/**
 * Compares the approved shortlist with today's roster and task records. A curriculum generated from
 * an older shortlist plans for the people it counted; everyone added, erased or moved since is
 * counted and flagged for the consultant, never silently left out.
 */
export function compareWithRoster(shortlistVersion: number, cohorts: readonly ShortlistCohortFacts[], roster: RosterFacts): { changes: RosterChanges; flags: Flag[] } {
  const members = new Map<string, ShortlistCohortFacts>();
  for (const cohort of cohorts) for (const personId of cohort.personIds) members.set(personId, cohort);
  const shortlistTasks = new Set(cohorts.flatMap((c) => c.taskIds));
  const included = roster.tasks.filter((t) => t.status !== 'rejected');

  const newcomers = new Set(included.filter((t) => !members.has(t.personId)).map((t) => t.personId));
  const changes: RosterChanges = {
    shortlistVersion,
    peopleNotInShortlist: newcomers.size,
    peopleNoLongerOnRecord: cohorts.reduce((sum, c) => sum + Math.max(0, c.computedPeopleCount - c.personIds.length), 0),
    peopleMoved: roster.people.filter((p) => {
      const cohort = members.get(p.id);
      return cohort !== undefined && (cohort.department !== p.department || cohort.roleLevel !== p.roleLevel);
    }).length,
    tasksNotInShortlist: included.filter((t) => members.has(t.personId) && !shortlistTasks.has(t.id)).length,
    tasksRejectedSince: roster.tasks.filter((t) => t.status === 'rejected' && shortlistTasks.has(t.id)).length,
  };
  const parts = [
    count(changes.peopleNotInShortlist, 'person with reported tasks is', 'people with reported tasks are', 'not in it'),
    count(changes.peopleNoLongerOnRecord, 'person it counted has', 'people it counted have', 'no tasks on record any more (erased, or tasks rewritten)'),
    count(changes.peopleMoved, 'person has', 'people have', 'changed department or role level (still planned with their old cohort)'),
    count(changes.tasksNotInShortlist, 'task was', 'tasks were', 'reported since by people in it'),
    count(changes.tasksRejectedSince, 'task it counted was', 'tasks it counted were', 'rejected by a manager since'),
  ].filter((part): part is string => part !== undefined);
  const flags = parts.length === 0
    ? []
    : [newFlag('shortlist-older-than-roster', 'warning', `The shortlist is older than the roster; re-run the shortlist. Since shortlist version ${shortlistVersion}: ${parts.join('; ')}.`)];
  return { changes, flags };
}

function count(n: number, one: string, many: string, rest: string): string | undefined {
  if (n === 0) return undefined;
  return `${n} ${n === 1 ? one : many} ${rest}`;
}
