import { addDays, CohortCalendar, daysBetween, formatWithOffset, type DayFacts, type IsoDate, type Slot } from './cohort-calendar.ts';
import { assessConcerns } from './assess-concerns.ts';
import { collectGuardrails } from './collect-guardrails.ts';
import type { CohortMilestone, CurriculumCohort, Flag, Session } from './curriculum-document.ts';
import { linkModuleToMilestone, type Milestone, type MilestoneBook } from './link-milestones.ts';
import { planFollowUps } from './plan-follow-ups.ts';
import { planTraining, type PlanContext, type TrainingItem } from './plan-training.ts';
import type { ApprovedModuleInput, CohortInput } from './schedule-input.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { openingContent, trainingContent, trainingMinutes, trainingSessionId, type SessionContent } from './session-content.ts';
import { newFlag } from './new-flag.ts';

export interface CohortPlanContext {
  zone: string;
  today: IsoDate;
  options: ScheduleOptions;
  milestones: MilestoneBook;
  /** Working-day facts shared by all cohorts of one run (same zone, same options). */
  days: Map<IsoDate, DayFacts>;
}

/** One cohort's sessions, guardrails and flags. Cohorts never share a calendar (trainers are not modelled). */
export function planCohort(cohort: CohortInput, context: CohortPlanContext): CurriculumCohort {
  const { options } = context;
  const calendar = new CohortCalendar(context.zone, options, context.days);
  const flags: Flag[] = [];
  if (cohort.memberCount === 1) {
    flags.push(newFlag('cohort-of-one', 'info', 'This cohort has one person: consider one-to-one coaching or joining a neighbouring cohort. Its concern scores are one person\'s answers; keep them out of anything others see.'));
  }
  const modules = usableModules(cohort.modules, calendar.workingDayMinutes(context.today), options, flags);
  const links = new Map<string, Milestone | null>();
  for (const module of modules) {
    const { link, flags: linkFlags } = linkModuleToMilestone(module, cohort.department, context.milestones, options.minWorkflowOverlap);
    flags.push(...linkFlags);
    links.set(module.moduleId, link?.milestone ?? null);
    if (!link) flags.push(unlinkedFlag(module, options));
    if (link && (module.exercises ?? []).length > 0 && !(module.exercises ?? []).some((e) => e.advanced) && options.reinforcementAfterDays.length > 0) {
      flags.push(newFlag('no-advanced-exercise', 'info', `"${module.title}" has no harder exercise; its reinforcement sessions repeat the exercises on a new artifact.`, { moduleId: module.moduleId }));
    }
  }
  const { assessment, flags: concernFlags } = assessConcerns(cohort.concernScores, options);
  flags.push(...concernFlags);

  const items: TrainingItem[] = modules.map((module) => ({
    sessionId: trainingSessionId(module.moduleId), moduleId: module.moduleId, title: module.title,
    minutes: trainingMinutes(module, options), milestone: links.get(module.moduleId) ?? null,
  }));
  const planContext: PlanContext = { calendar, options, today: context.today, earliest: calendar.nextWorkingDay(addDays(context.today, options.noticeDays)) };
  let training = planTraining(items, planContext);
  const placed: { content: SessionContent; slot: Slot }[] = [];
  if (assessment.needsOpening && training.placed.size > 0) {
    const first = [...training.placed.values()].reduce((a, b) => (b.start < a.start ? b : a));
    let opening = calendar.findLatest(planContext.earliest, first.date, options.openingMinutes, first.start);
    if (!opening) {
      // No room before the first training: open first, then plan the training again after it.
      calendar.restore([]);
      opening = calendar.findEarliest(planContext.earliest, options.openingMinutes);
      if (opening) {
        calendar.book('opening', opening);
        training = planTraining(items, { ...planContext, notBefore: opening.end });
      }
    } else calendar.book('opening', opening);
    if (opening) placed.push({ content: openingContent(options), slot: opening });
  }
  flags.push(...training.flags);
  for (const module of modules) {
    const slot = training.placed.get(trainingSessionId(module.moduleId));
    if (slot) placed.push({ content: trainingContent(module, options, links.get(module.moduleId) ?? null), slot });
  }
  const linked = modules.flatMap((module) => (links.get(module.moduleId) ? [{ module, milestone: links.get(module.moduleId)! }] : []));
  const followUps = planFollowUps(linked, training.placed, calendar, options);
  flags.push(...followUps.flags);
  placed.push(...followUps.placed);

  return {
    id: cohort.id,
    department: cohort.department,
    roleLevel: cohort.roleLevel,
    memberCount: cohort.memberCount,
    concerns: assessment,
    milestones: cohortMilestones(linked),
    guardrails: collectGuardrails(modules, cohort.managerGuidance),
    sessions: placed.map(({ content, slot }) => toSession(content, slot)).sort(compareSessions),
    flags,
  };
}

/** Drops (and flags) duplicates, modules gone from the library and sessions no working day can hold. */
function usableModules(modules: ApprovedModuleInput[], dayMinutes: number, options: ScheduleOptions, flags: Flag[]): ApprovedModuleInput[] {
  const seen = new Set<string>();
  const usable: ApprovedModuleInput[] = [];
  for (const module of modules) {
    if (seen.has(module.moduleId)) {
      flags.push(newFlag('duplicate-module', 'info', `"${module.title}" is approved twice; it gets one session.`, { moduleId: module.moduleId }));
      continue;
    }
    seen.add(module.moduleId);
    if (module.isInLibrary === false) {
      flags.push(newFlag('module-not-in-library', 'warning', `The training module ${module.moduleId} is no longer in the library, so it has no session; approve a replacement or restore it.`, { moduleId: module.moduleId }));
    } else if (trainingMinutes(module, options) > dayMinutes) {
      flags.push(newFlag('session-longer-than-working-day', 'warning', `"${module.title}" lasts longer than the working day, so it has no session.`, { moduleId: module.moduleId }));
    } else {
      usable.push(module);
    }
  }
  if (usable.length === 0) flags.push(newFlag('no-approved-modules', 'warning', 'This cohort has no approved training module that can be scheduled.'));
  return usable;
}

function unlinkedFlag(module: ApprovedModuleInput, options: ScheduleOptions): Flag {
  const outcome = options.unlinkedModules === 'provisional'
    ? 'it has a provisional date as soon as possible, and no office hours or reinforcement until a milestone is linked'
    : 'it has no session until a milestone is linked';
  return newFlag('module-without-milestone', 'warning', `"${module.title}" serves no milestone with a go-live date: ${outcome}.`, { moduleId: module.moduleId, sessionId: trainingSessionId(module.moduleId) });
}

function cohortMilestones(linked: { module: ApprovedModuleInput; milestone: Milestone }[]): CohortMilestone[] {
  const byId = new Map<string, CohortMilestone>();
  for (const { module, milestone } of linked) {
    const entry = byId.get(milestone.id) ?? { id: milestone.id, workflow: milestone.workflow, goLive: milestone.goLive, moduleIds: [] };
    entry.moduleIds.push(module.moduleId);
    byId.set(milestone.id, entry);
  }
  return [...byId.values()].sort((a, b) => (a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : a.id < b.id ? -1 : 1));
}

/** Fixed key order (id, kind, moduleId, title, start, end, date, …) so the JSON is byte-stable. */
function toSession(content: SessionContent, slot: Slot): Session {
  const { id, kind, moduleId, title, ...rest } = content;
  const session: Session = { id, kind, ...(moduleId ? { moduleId } : {}), title, start: formatWithOffset(slot.start), end: formatWithOffset(slot.end), date: slot.date, ...rest };
  if (kind === 'training' && rest.goLive) session.leadDays = daysBetween(slot.date, rest.goLive);
  return session;
}

function compareSessions(a: Session, b: Session): number {
  // ISO strings with different offsets do not sort as instants, so compare the instants.
  const delta = Date.parse(a.start) - Date.parse(b.start);
  return delta !== 0 ? delta : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
