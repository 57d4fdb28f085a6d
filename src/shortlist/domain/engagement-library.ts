import type { Engagement } from '../../engagements/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import type { TaskMatchResult } from '../../matching/index.ts';
import { MATCHES_PER_TASK } from './rank-cohort-modules.ts';
import type { Notice } from './shortlist.ts';
import type { WeighedTask } from './weigh-tasks.ts';

/** Whether a training module can be on an engagement's shortlist today, and if not, why. */
export type ModuleAvailability = 'available' | 'not-in-library' | 'not-in-engagement';

/** The training modules an engagement draws on: its own `moduleIds`, or the whole library when it names none. */
export interface EngagementLibrary {
  moduleIds: ReadonlySet<string>;
  availability(moduleId: string): ModuleAvailability;
  /** Ids the engagement names that the library does not have (reported, never silently dropped). */
  notices: Notice[];
}

export function engagementLibrary(engagement: Engagement, catalogue: ModuleCatalogue): EngagementLibrary {
  const named = engagement.moduleIds;
  const moduleIds = new Set(named.length > 0 ? named.filter((id) => catalogue.has(id)) : catalogue.modules.map((m) => m.id));
  const notices: Notice[] = [];
  const unknown = named.filter((id) => !catalogue.has(id));
  if (unknown.length > 0) {
    notices.push({
      code: 'module-not-in-library',
      message: `The engagement names training modules the library does not have, so they were not considered: ${unknown.join(', ')}.`,
      moduleIds: unknown,
    });
  }
  if (moduleIds.size === 0) {
    notices.push({ code: 'no-modules', message: 'None of the engagement\'s training modules is in the library, so every task is a gap.' });
  }
  return {
    moduleIds,
    availability: (moduleId) => (!catalogue.has(moduleId) ? 'not-in-library' : moduleIds.has(moduleId) ? 'available' : 'not-in-engagement'),
    notices,
  };
}

/** Tasks matched per chunk before the event loop gets a turn, so other requests are not held up. */
const CHUNK_SIZE = 500;
/**
 * Match results kept between computations: a shortlist is computed again and again as intakes come
 * in, and most tasks have not changed since the last time. About 1 kB each, so the cap bounds the
 * cache near 50 MB, enough for the re-computation of a 5,000-person engagement.
 */
export const MATCH_CACHE_ENTRIES = 50_000;

/**
 * A least-recently-used map of match results. Valid for the life of the process: the library's
 * index never changes while the service runs (a new library means a restart).
 */
export class MatchCache {
  private readonly entries = new Map<string, TaskMatchResult>();
  private readonly scopes = new Map<string, number>();

  constructor(private readonly capacity = MATCH_CACHE_ENTRIES) {}

  /** A short key for a set of module ids (results differ by the modules they were ranked among). */
  scopeKey(moduleIds: ReadonlySet<string>): number {
    const scope = [...moduleIds].sort().join(' ');
    let key = this.scopes.get(scope);
    if (key === undefined) this.scopes.set(scope, (key = this.scopes.size));
    return key;
  }

  get(key: string): TaskMatchResult | undefined {
    const result = this.entries.get(key);
    if (result) {
      this.entries.delete(key);
      this.entries.set(key, result);
    }
    return result;
  }

  set(key: string, result: TaskMatchResult): void {
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Matches every task against the engagement's modules. Identical texts of one department and role
 * level are matched once (the same words give the same answer), results of earlier computations are
 * reused, and the work is cut into chunks.
 */
export async function matchWeighedTasks(
  catalogue: ModuleCatalogue,
  tasks: readonly WeighedTask[],
  moduleIds: ReadonlySet<string>,
  cache: MatchCache,
): Promise<Map<string, TaskMatchResult>> {
  const scope = cache.scopeKey(moduleIds);
  const byTask = new Map<string, TaskMatchResult>();
  for (let start = 0; start < tasks.length; start += CHUNK_SIZE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const task of tasks.slice(start, start + CHUNK_SIZE)) {
      const key = `${scope}\u0000${task.department}\u0000${task.roleLevel}\u0000${task.text}`;
      let result = cache.get(key);
      if (!result) {
        result = catalogue.match({ text: task.text, department: task.department, roleLevel: task.roleLevel }, { top: MATCHES_PER_TASK, moduleIds });
        cache.set(key, result);
      }
      byTask.set(task.taskId, result);
    }
  }
  return byTask;
}
