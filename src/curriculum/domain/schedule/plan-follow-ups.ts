import { addDays, daysBetween, laterDate, type CohortCalendar, type Slot } from './cohort-calendar.ts';
import type { Flag } from './curriculum-document.ts';
import type { Milestone } from './link-milestones.ts';
import type { ApprovedModuleInput } from './schedule-input.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { officeHoursContent, reinforcementContent, trainingSessionId, type SessionContent } from './session-content.ts';
import { newFlag } from './new-flag.ts';

export interface PlacedFollowUp {
  content: SessionContent;
  slot: Slot;
}

/** A follow-up that lands this many days after the date the rule asked for is flagged. */
const MOVED_FLAG_DAYS = 7;

/**
 * Office hours per workflow (+2 and +6 weeks) and reinforcement per training module (+30 and +90 days).
 * They count from go-live, or from the training itself when it could only happen after go-live:
 * reinforcing what nobody has learnt yet helps no one. Each goes to the first free slot on or
 * after its date, after the training it follows up.
 */
export function planFollowUps(
  linked: { module: ApprovedModuleInput; milestone: Milestone }[],
  trainingSlots: Map<string, Slot>,
  calendar: CohortCalendar,
  options: ScheduleOptions,
): { placed: PlacedFollowUp[]; flags: Flag[] } {
  const wanted: { content: SessionContent; after: Slot }[] = [];
  const byMilestone = new Map<string, { milestone: Milestone; moduleIds: string[]; last: Slot }>();
  for (const { module, milestone } of linked) {
    const training = trainingSlots.get(trainingSessionId(module.moduleId));
    if (!training) continue;
    const anchor = laterDate(milestone.goLive, training.date);
    for (const days of options.reinforcementAfterDays) {
      wanted.push({ content: reinforcementContent(module, options, milestone, days, addDays(anchor, days)), after: training });
    }
    const group = byMilestone.get(milestone.id);
    if (!group) byMilestone.set(milestone.id, { milestone, moduleIds: [module.moduleId], last: training });
    else {
      group.moduleIds.push(module.moduleId);
      if (training.end > group.last.end) group.last = training;
    }
  }
  for (const { milestone, moduleIds, last } of byMilestone.values()) {
    const anchor = laterDate(milestone.goLive, last.date);
    for (const days of options.officeHoursAfterDays) {
      wanted.push({ content: officeHoursContent(milestone, moduleIds, options, days, addDays(anchor, days)), after: last });
    }
  }
  wanted.sort((a, b) => compareFollowUps(a.content, b.content));

  const placed: PlacedFollowUp[] = [];
  const flags: Flag[] = [];
  for (const { content, after } of wanted) {
    const target = content.targetDate!;
    const slot = calendar.findEarliest(target, content.durationMinutes, after.end);
    if (!slot) {
      flags.push(newFlag('not-scheduled', 'warning', `No free slot was found for "${content.title}" within two years.`, { moduleId: content.moduleId, sessionId: content.id }));
      continue;
    }
    calendar.book(content.id, slot);
    placed.push({ content, slot });
    const late = daysBetween(target, slot.date);
    if (late >= MOVED_FLAG_DAYS) {
      flags.push(newFlag('follow-up-moved', 'info', `"${content.title}" was due on ${target}; the cohort's weekly cap moved it ${late} days later, to ${slot.date}.`, { moduleId: content.moduleId, sessionId: content.id }));
    }
  }
  return { placed, flags };
}

/** By due date; on the same date office hours first, then by id. */
function compareFollowUps(a: SessionContent, b: SessionContent): number {
  const rank = (c: SessionContent) => (c.kind === 'office-hours' ? 0 : 1);
  const [ta, tb] = [a.targetDate!, b.targetDate!];
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
