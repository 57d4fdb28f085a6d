import { expect } from 'chai';
import { Settings } from 'luxon';
import { generateSchedule } from '../../../src/curriculum/index.ts';
import { buildCohort, buildLinkedModules, buildModule, buildScheduleInput, localTimes, sessionsOf } from './schedule-builders.ts';

describe('generateSchedule: time zones and daylight saving', () => {
  it('when Berlin moves to summer time between two sessions, then both start at 09:00 local with the right offset and last exactly 75 minutes', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-13' }];
    const input = buildScheduleInput({ timeZone: 'Europe/Berlin', milestones, cohorts: [buildCohort({ modules: buildLinkedModules(2, 'ap') })] });

    const training = sessionsOf(generateSchedule(input, { maxSessionsPerWeek: 1 }), 'training');

    expect(training.map((s) => [s.start, s.end])).to.deep.equal([
      ['2026-03-27T09:00:00+01:00', '2026-03-27T10:15:00+01:00'],
      ['2026-03-30T09:00:00+02:00', '2026-03-30T10:15:00+02:00'],
    ]);
    expect(Date.parse(training[1].end) - Date.parse(training[1].start)).to.equal(75 * 60_000);
  });

  it('when New York leaves summer time on 1 November, then sessions either side keep 09:00 local and the 14-day lead counts calendar days', () => {
    const milestones = [{ id: 'ops', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-11-16' }];
    const input = buildScheduleInput({ timeZone: 'America/New_York', today: '2026-10-05', milestones, cohorts: [buildCohort({ modules: buildLinkedModules(2, 'ops') })] });

    const curriculum = generateSchedule(input);

    const training = sessionsOf(curriculum, 'training');
    expect(training.map((s) => [s.start, s.leadDays])).to.deep.equal([
      ['2026-10-30T09:00:00-04:00', 17],
      ['2026-11-02T09:00:00-05:00', 14],
    ]);
    for (const session of sessionsOf(curriculum)) {
      expect(localTimes(session, 'America/New_York').start.toFormat('HH:mm'), session.id).to.equal('09:00');
    }
  });

  it('when the engagement is in UTC, then times still carry an explicit +00:00 offset', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ timeZone: 'UTC', milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'ap') })] });

    const [training] = sessionsOf(generateSchedule(input), 'training');

    expect(training.start).to.equal('2026-04-01T09:00:00+00:00');
  });

  it('when the go-live is given as a date-time with another offset, then it is read as the date it is in the engagement\'s zone', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15T23:30:00-05:00' }];
    const input = buildScheduleInput({ timeZone: 'Asia/Tokyo', milestones, cohorts: [buildCohort({ modules: [buildModule({ moduleId: 'x', milestoneIds: ['ap'] })] })] });

    const [training] = sessionsOf(generateSchedule(input), 'training');

    expect(training.goLive).to.equal('2026-04-16');
    expect(training.start).to.equal('2026-04-02T09:00:00+09:00');
  });

  it('when the host\'s default time zone differs, then the schedule does not change', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(3, 'ap') })] });
    const expected = JSON.stringify(generateSchedule(input));
    const hostZone = Settings.defaultZone;

    Settings.defaultZone = 'Pacific/Kiritimati';
    let actual: string;
    try {
      actual = JSON.stringify(generateSchedule(input));
    } finally {
      Settings.defaultZone = hostZone;
    }

    expect(actual).to.equal(expected);
  });
});
