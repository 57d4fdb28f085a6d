import { UnprocessableError, type FieldProblem } from '../../../platform/errors.ts';
import type { ConcernKey } from './schedule-input.ts';

/** How the generator plans; every field has a default (see README.md for why each is what it is). */
export interface ScheduleOptions {
  /** Sessions of any kind per cohort per ISO week (in the engagement's time zone). */
  maxSessionsPerWeek: number;
  /** Sessions per cohort per day; one keeps a day's work possible. */
  maxSessionsPerDay: number;
  /** An adjusted concern mean at or above this adds an opening session. */
  concernThreshold: number;
  /** Concern scales where a high score is good news (inverted as 6 − mean). */
  invertedConcerns: ConcernKey[];
  /** Local wall-clock times, `HH:mm`. */
  workingHours: { start: string; end: string };
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** ISO dates with no sessions (public holidays, company closures). */
  closedDates: string[];
  /** Training falls this many calendar days before go-live: min 14, max 28. */
  leadWindowDays: { min: number; max: number };
  /** Earliest session day is today + this many days. */
  noticeDays: number;
  defaultTrainingMinutes: number;
  /** Share of a training or reinforcement session led by the instructor; the rest is practice. */
  instructorShare: number;
  openingMinutes: number;
  officeHoursMinutes: number;
  reinforcementMinutes: number;
  officeHoursAfterDays: number[];
  reinforcementAfterDays: number[];
  /** What a module with no milestone gets: a provisional as-soon-as-possible date, or no session. */
  unlinkedModules: 'provisional' | 'unscheduled';
  /** Share of a workflow's words a module must contain to be tied to it automatically. */
  minWorkflowOverlap: number;
}

export const DEFAULT_SCHEDULE_OPTIONS: Readonly<ScheduleOptions> = Object.freeze({
  maxSessionsPerWeek: 2,
  maxSessionsPerDay: 1,
  concernThreshold: 3.5,
  invertedConcerns: ['comfortWithTechnology'],
  workingHours: { start: '09:00', end: '17:00' },
  workingDays: [1, 2, 3, 4, 5],
  closedDates: [],
  leadWindowDays: { min: 14, max: 28 },
  noticeDays: 1,
  defaultTrainingMinutes: 75,
  instructorShare: 0.4,
  openingMinutes: 60,
  officeHoursMinutes: 60,
  reinforcementMinutes: 60,
  officeHoursAfterDays: [14, 42],
  reinforcementAfterDays: [30, 90],
  unlinkedModules: 'provisional',
  minWorkflowOverlap: 1 / 3,
} satisfies ScheduleOptions);

const CONCERN_KEYS: ConcernKey[] = ['jobDisplacement', 'comfortWithTechnology', 'trustInOutput', 'compliance'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Defaults merged with the caller's options; a bad option is a 422 listing every problem. */
export function resolveScheduleOptions(options: Partial<ScheduleOptions> = {}): ScheduleOptions {
  const merged: ScheduleOptions = { ...DEFAULT_SCHEDULE_OPTIONS, ...dropUndefined(options) };
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ pointer: `/options/${field}`, message });

  const integerIn = (field: keyof ScheduleOptions, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) problem(field, `must be an integer from ${min} to ${max}`);
  };
  integerIn('maxSessionsPerWeek', merged.maxSessionsPerWeek, 1, 20);
  integerIn('maxSessionsPerDay', merged.maxSessionsPerDay, 1, 8);
  integerIn('noticeDays', merged.noticeDays, 0, 60);
  integerIn('defaultTrainingMinutes', merged.defaultTrainingMinutes, 15, 480);
  integerIn('openingMinutes', merged.openingMinutes, 15, 480);
  integerIn('officeHoursMinutes', merged.officeHoursMinutes, 15, 480);
  integerIn('reinforcementMinutes', merged.reinforcementMinutes, 15, 480);
  if (!(merged.concernThreshold >= 1 && merged.concernThreshold <= 5)) problem('concernThreshold', 'must be from 1 to 5');
  if (!(merged.instructorShare >= 0 && merged.instructorShare <= 1)) problem('instructorShare', 'must be from 0 to 1');
  if (!(merged.minWorkflowOverlap > 0 && merged.minWorkflowOverlap <= 1)) problem('minWorkflowOverlap', 'must be above 0 and at most 1');
  if (!merged.invertedConcerns.every((key) => CONCERN_KEYS.includes(key))) {
    problem('invertedConcerns', `must list only ${CONCERN_KEYS.join(', ')}`);
  }
  const { start, end } = merged.workingHours;
  if (!CLOCK.test(start) || !CLOCK.test(end) || start >= end) {
    problem('workingHours', 'must be {start, end} as HH:mm with start before end');
  }
  const days = merged.workingDays;
  if (days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    problem('workingDays', 'must list at least one ISO weekday from 1 (Monday) to 7 (Sunday)');
  }
  if (!merged.closedDates.every((d) => ISO_DATE.test(d))) problem('closedDates', 'must be ISO dates (YYYY-MM-DD)');
  const lead = merged.leadWindowDays;
  if (!Number.isInteger(lead.min) || !Number.isInteger(lead.max) || lead.min < 0 || lead.max < lead.min) {
    problem('leadWindowDays', 'must be whole days with 0 <= min <= max');
  }
  for (const field of ['officeHoursAfterDays', 'reinforcementAfterDays'] as const) {
    if (!merged[field].every((d) => Number.isInteger(d) && d >= 0 && d <= 730)) problem(field, 'must be whole days from 0 to 730');
  }
  if (merged.unlinkedModules !== 'provisional' && merged.unlinkedModules !== 'unscheduled') {
    problem('unlinkedModules', 'must be "provisional" or "unscheduled"');
  }
  if (problems.length > 0) throw new UnprocessableError('The schedule options are not valid.', problems, 'invalid-schedule-options');
  return merged;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
