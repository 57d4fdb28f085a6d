import type { AssembledInput } from './assemble-schedule-input.ts';
import type { CurriculumView } from './curriculum-version.ts';
import type { Curriculum } from './schedule/curriculum-document.ts';

/**
 * The generator's document with what the curriculum adds: the version's state, the roster changes,
 * the assembly's flags (after the generator's own), and per cohort why it gets its training modules.
 * Keys in a fixed order, so the JSON reads the same from one version to the next.
 */
export function composeView(curriculum: Curriculum, assembled: AssembledInput, meta: { shortlistVersion: number; generatedAt: string }): CurriculumView {
  const { engagementId, version, generatedOn, timeZone, options, flags, cohorts } = curriculum;
  return {
    engagementId,
    version,
    status: 'draft',
    shortlistVersion: meta.shortlistVersion,
    generatedOn,
    generatedAt: meta.generatedAt,
    timeZone,
    options,
    rosterChanges: assembled.rosterChanges,
    flags: [...flags, ...assembled.documentFlags],
    cohorts: cohorts.map((cohort) => ({
      ...cohort,
      flags: [...cohort.flags, ...(assembled.cohortFlags.get(cohort.id) ?? [])],
      modules: assembled.cohortModules.get(cohort.id) ?? [],
    })),
  };
}
