import { DateTime } from 'luxon';
import type { SessionKind } from '../domain/schedule/curriculum-document.ts';

/** How each kind of session is named on a page. */
export const SESSION_KIND_LABELS: Readonly<Record<SessionKind, string>> = {
  opening: 'Opening session',
  training: 'Training session',
  'office-hours': 'Office hours',
  reinforcement: 'Reinforcement',
};

/** A session's day and time as a person in the engagement's time zone reads them. */
export interface SessionWhen {
  day: string;
  time: string;
  weekKey: string;
  weekLabel: string;
}

/** Dates are shown in the engagement's zone (the session's own offset), in British English, never the server's. */
export function sessionWhen(start: string, end: string, zone: string): SessionWhen {
  const from = DateTime.fromISO(start, { zone }).setLocale('en-GB');
  const to = DateTime.fromISO(end, { zone }).setLocale('en-GB');
  const monday = from.startOf('week');
  return {
    day: from.toFormat('ccc d LLL yyyy'),
    time: `${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')}`,
    weekKey: `${from.weekYear}-W${String(from.weekNumber).padStart(2, '0')}`,
    weekLabel: `Week of ${monday.toFormat('cccc d LLLL yyyy')}`,
  };
}

/** A calendar date (`2026-06-01`) in words. */
export function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** Items grouped by ISO week, in the order given (sessions arrive sorted by start). */
export function groupByWeek<T extends { when: SessionWhen }>(items: readonly T[]): Array<{ label: string; items: T[] }> {
  const weeks = new Map<string, { label: string; items: T[] }>();
  for (const item of items) {
    const week = weeks.get(item.when.weekKey) ?? { label: item.when.weekLabel, items: [] };
    week.items.push(item);
    weeks.set(item.when.weekKey, week);
  }
  return [...weeks.values()];
}
