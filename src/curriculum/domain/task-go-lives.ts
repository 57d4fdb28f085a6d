import { DateTime } from 'luxon';
import type { Flag } from './curriculum-version.ts';
import { linkModuleToMilestone, readMilestones } from './schedule/link-milestones.ts';
import { newFlag } from './schedule/new-flag.ts';
import type { CohortInput, MilestoneInput } from './schedule/schedule-input.ts';
import { DEFAULT_SCHEDULE_OPTIONS } from './schedule/schedule-options.ts';

/**
 * Managers give a go-live date per task when they review it. When no milestone of the engagement
 * covers a training module, the earliest go-live its served tasks carry is the next best date to
 * plan back from, better than an as-soon-as-possible guess; the consultant is told where it came from.
 *
 * Modules an engagement milestone covers are tied to it explicitly first, so a milestone made here
 * can never win a module away from one the consultant set up.
 */
export function linkTaskGoLives(
  cohorts: readonly CohortInput[],
  milestones: readonly MilestoneInput[],
  goLiveOf: ReadonlyMap<string, string>,
  zone: string,
): { cohorts: CohortInput[]; milestones: MilestoneInput[]; flags: Map<string, Flag[]> } {
  const book = readMilestones([...milestones], zone);
  const added: MilestoneInput[] = [];
  const flags = new Map<string, Flag[]>();
  const linked = cohorts.map((cohort) => ({
    ...cohort,
    modules: cohort.modules.map((module) => {
      if (module.isInLibrary === false || (module.milestoneIds ?? []).length > 0) return module;
      const { link } = linkModuleToMilestone(module, cohort.department, book, DEFAULT_SCHEDULE_OPTIONS.minWorkflowOverlap);
      if (link) return { ...module, milestoneIds: [link.milestone.id] };
      const dates = (module.servesTasks ?? []).flatMap((task) => {
        const date = goLiveOf.get(task.taskId);
        return date && DateTime.fromISO(date, { zone }).isValid ? [date] : [];
      }).sort();
      if (dates.length === 0) return module;
      const id = `tasks-${cohort.id}-${module.moduleId}`;
      added.push({ id, department: cohort.department, workflow: module.title, goLive: dates[0] });
      const message = `"${module.title}" serves no milestone of the engagement; it is planned back from ${dates[0]}, the earliest go-live the managers gave for the tasks it serves. Add a milestone to the engagement to plan it otherwise.`;
      flags.set(cohort.id, [...(flags.get(cohort.id) ?? []), newFlag('go-live-from-tasks', 'info', message, { moduleId: module.moduleId, milestoneId: id })]);
      return { ...module, milestoneIds: [id] };
    }),
  }));
  return { cohorts: linked, milestones: [...milestones, ...added], flags };
}
