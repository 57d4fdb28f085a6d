import { DateTime, IANAZone } from 'luxon';
import { UnprocessableError, type FieldProblem } from '../../../platform/errors.ts';
import { CohortCalendar } from './cohort-calendar.ts';
import type { Curriculum } from './curriculum-document.ts';
import { readMilestones } from './link-milestones.ts';
import { planCohort } from './plan-cohort.ts';
import type { ScheduleInput } from './schedule-input.ts';
import { resolveScheduleOptions, type ScheduleOptions } from './schedule-options.ts';

/**
 * The just-in-time schedule of every cohort: pure, and the same input gives the same document,
 * byte for byte. Problems in the data (a missing go-live, a module without a milestone) become
 * flags; only input that cannot be planned at all (a bad time zone or date, bad options) throws a 422.
 */
export function generateSchedule(input: ScheduleInput, options: Partial<ScheduleOptions> = {}): Curriculum {
  const resolved = resolveScheduleOptions(options);
  checkInput(input, resolved);
  const zone = input.engagement.timeZone;
  const milestones = readMilestones(input.engagement.milestones ?? [], zone);
  const days = new Map();
  const cohorts = [...input.cohorts]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((cohort) => planCohort(cohort, { zone, today: input.today, options: resolved, milestones, days }));
  return {
    engagementId: input.engagement.id,
    version: input.version,
    generatedOn: input.today,
    timeZone: zone,
    options: resolved,
    flags: milestones.flags,
    cohorts,
  };
}

function checkInput(input: ScheduleInput, options: ScheduleOptions): void {
  const problems: FieldProblem[] = [];
  const zone = input.engagement?.timeZone;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    problems.push({ pointer: '/engagement/timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
  }
  if (typeof input.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input.today) || !DateTime.fromISO(input.today).isValid) {
    problems.push({ pointer: '/today', message: 'must be an ISO date (YYYY-MM-DD)' });
  }
  if (!Number.isInteger(input.version) || input.version < 1) problems.push({ pointer: '/version', message: 'must be a positive integer' });
  const ids = new Set<string>();
  (input.cohorts ?? []).forEach((cohort, index) => {
    if (ids.has(cohort.id)) problems.push({ pointer: `/cohorts/${index}/id`, message: 'is used by another cohort' });
    ids.add(cohort.id);
    if (!Number.isInteger(cohort.memberCount) || cohort.memberCount < 1) {
      problems.push({ pointer: `/cohorts/${index}/memberCount`, message: 'must be at least 1 (cohorts are formed from people with tasks)' });
    }
  });
  if (problems.length === 0) {
    // Sessions of fixed length that no working day holds could never be placed.
    const dayMinutes = new CohortCalendar(zone, options).workingDayMinutes(input.today);
    for (const field of ['openingMinutes', 'officeHoursMinutes', 'reinforcementMinutes'] as const) {
      if (options[field] > dayMinutes) problems.push({ pointer: `/options/${field}`, message: 'is longer than the working day' });
    }
  }
  if (problems.length > 0) throw new UnprocessableError('The schedule cannot be planned from this input.', problems, 'invalid-schedule-input');
}
