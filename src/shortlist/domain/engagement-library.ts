import type { Engagement } from '../../engagements/index.ts';
import type { ModuleCatalogue } from '../../library/index.ts';
import type { Notice } from './shortlist.ts';

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
