import type { DateTime } from 'luxon';
import { addDays, daysBetween, type CohortCalendar, type IsoDate, type Slot } from './cohort-calendar.ts';
import type { Flag } from './curriculum-document.ts';
import type { Milestone } from './link-milestones.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { newFlag } from './new-flag.ts';

/** One training session to place: a module tied to its milestone (or to none: provisional). */
export interface TrainingItem {
  sessionId: string;
  moduleId: string;
  title: string;
  minutes: number;
  milestone: Milestone | null;
}

export interface PlanContext {
  calendar: CohortCalendar;
  options: ScheduleOptions;
  today: IsoDate;
  /** First day a session may fall on (today + notice, on a working day). */
  earliest: IsoDate;
  /** Nothing may start before this (the end of an opening placed first). */
  notBefore?: DateTime;
}

/**
 * Places the training sessions, milestone by milestone (earliest go-live first, so the most
 * urgent workflow gets the slots), then the provisional ones. Returns slots by session id.
 */
export function planTraining(items: TrainingItem[], context: PlanContext): { placed: Map<string, Slot>; flags: Flag[] } {
  const placed = new Map<string, Slot>();
  const flags: Flag[] = [];
  const groups = new Map<string, TrainingItem[]>();
  for (const item of items) {
    if (!item.milestone) continue;
    groups.set(item.milestone.id, [...(groups.get(item.milestone.id) ?? []), item]);
  }
  const ordered = [...groups.values()].sort((a, b) => compareMilestones(a[0].milestone!, b[0].milestone!));
  for (const group of ordered) planGroup(group, group[0].milestone!, context, placed, flags);

  const provisional = items.filter((item) => !item.milestone);
  if (context.options.unlinkedModules === 'provisional') {
    for (const { item, slot } of placeForward(provisional, context, flags)) placed.set(item.sessionId, slot);
  }
  return { placed, flags };
}

function planGroup(group: TrainingItem[], milestone: Milestone, context: PlanContext, placed: Map<string, Slot>, flags: Flag[]): void {
  const { min, max } = context.options.leadWindowDays;
  const lastDay = addDays(milestone.goLive, -min);
  if (lastDay < context.earliest) {
    const code = milestone.goLive <= context.today ? 'go-live-passed' : 'go-live-too-close';
    for (const { item, slot } of placeForward(group, context, flags)) {
      placed.set(item.sessionId, slot);
      const lead = daysBetween(slot.date, milestone.goLive);
      const why = code === 'go-live-passed' ? `went live on ${milestone.goLive}` : `goes live on ${milestone.goLive}, too soon to train at least ${min} days ahead`;
      flags.push(flag(code, item, 'warning', `"${item.title}" serves "${milestone.workflow}", which ${why}; it is scheduled as soon as possible, on ${slot.date} (${describeLead(lead)}).`));
    }
    return;
  }
  const backPlanned = backPlan(group, lastDay, context);
  const planned = backPlanned ?? placeForward(group, context, flags);
  for (const { item, slot } of planned) {
    placed.set(item.sessionId, slot);
    const lead = daysBetween(slot.date, milestone.goLive);
    if (lead > max) {
      flags.push(flag('window-extended', item, 'info', `"${item.title}" is scheduled ${lead} days before "${milestone.workflow}" goes live, earlier than the ${min}–${max}-day window, because the cohort's caps and other sessions leave no room closer to go-live.`));
    } else if (lead < min) {
      flags.push(flag('window-too-tight', item, 'warning', `The weekly cap leaves too few slots before ${lastDay} for "${milestone.workflow}"; "${item.title}" is scheduled ${describeLead(lead)}.`));
    }
  }
}

/**
 * Latest slots first, last module first, each ending before the next one starts; so sessions
 * sit as close to go-live as the window allows and keep the consultant's order.
 * Returns null (and leaves the calendar as it was) when the modules do not fit before `lastDay`.
 */
function backPlan(group: TrainingItem[], lastDay: IsoDate, context: PlanContext): { item: TrainingItem; slot: Slot }[] | null {
  const { calendar, notBefore } = context;
  const before = calendar.snapshot();
  const planned: { item: TrainingItem; slot: Slot }[] = [];
  let next: Slot | undefined;
  for (const item of [...group].reverse()) {
    const to = next && next.date < lastDay ? next.date : lastDay;
    const slot = calendar.findLatest(context.earliest, to, item.minutes, next?.start);
    if (!slot || (notBefore && slot.start < notBefore)) {
      calendar.restore(before);
      return null;
    }
    calendar.book(item.sessionId, slot);
    planned.unshift({ item, slot });
    next = slot;
  }
  return planned;
}

/** As soon as possible, in order. Items that find no slot within the search horizon are flagged. */
function placeForward(items: TrainingItem[], context: PlanContext, flags: Flag[]): { item: TrainingItem; slot: Slot }[] {
  const planned: { item: TrainingItem; slot: Slot }[] = [];
  let after = context.notBefore;
  for (const item of items) {
    const slot = context.calendar.findEarliest(context.earliest, item.minutes, after);
    if (!slot) {
      flags.push(flag('not-scheduled', item, 'warning', `No free slot was found for "${item.title}" within two years; check the working days and closed dates.`));
      continue;
    }
    context.calendar.book(item.sessionId, slot);
    planned.push({ item, slot });
    after = slot.end;
  }
  return planned;
}

function describeLead(lead: number): string {
  if (lead > 0) return `${lead} day${lead === 1 ? '' : 's'} before go-live`;
  if (lead === 0) return 'on the go-live day';
  return `${-lead} day${lead === -1 ? '' : 's'} after go-live`;
}

function flag(code: string, item: TrainingItem, severity: Flag['severity'], message: string): Flag {
  return newFlag(code, severity, message, { moduleId: item.moduleId, sessionId: item.sessionId });
}

function compareMilestones(a: Milestone, b: Milestone): number {
  return a.goLive < b.goLive ? -1 : a.goLive > b.goLive ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
