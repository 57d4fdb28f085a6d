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
 * Matches every task against the engagement's modules. Identical texts of one department and role
 * level are matched once (the same words give the same answer), and the work is cut into chunks.
 * Results are not kept between computations: at about 2 kB each they would hold some 90 MB for a
 * 5,000-person engagement, slowing every garbage collection of the process (the embedded store
 * lives in it too) for a saving measured as noise next to reading the task records.
 */
export async function matchWeighedTasks(catalogue: ModuleCatalogue, tasks: readonly WeighedTask[], moduleIds: ReadonlySet<string>): Promise<Map<string, TaskMatchResult>> {
  const byText = new Map<string, TaskMatchResult>();
  const byTask = new Map<string, TaskMatchResult>();
  for (let start = 0; start < tasks.length; start += CHUNK_SIZE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const task of tasks.slice(start, start + CHUNK_SIZE)) {
      const key = `${task.department}\u0000${task.roleLevel}\u0000${task.text}`;
      let result = byText.get(key);
      if (!result) {
        result = catalogue.match({ text: task.text, department: task.department, roleLevel: task.roleLevel }, { top: MATCHES_PER_TASK, moduleIds });
        byText.set(key, result);
      }
      byTask.set(task.taskId, result);
    }
  }
  return byTask;
}
