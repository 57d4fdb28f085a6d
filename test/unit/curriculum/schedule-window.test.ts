import { expect } from 'chai';
import { generateSchedule } from '../../../src/curriculum/index.ts';
import {
  buildCohort, buildLinkedModules, buildScheduleInput, localTimes, sessionsOf, sessionsPerWeek,
} from './schedule-builders.ts';

// Calendar used below (2026): Mon 2 March is "today"; Berlin moves to summer time on Sun 29 March.
const APRIL_GO_LIVE = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];

describe('generateSchedule: the 2–4 week window', () => {
  it('when a go-live is six weeks away, then the training is back-planned to the latest working days 14–28 days before it', () => {
    const input = buildScheduleInput({ milestones: APRIL_GO_LIVE, cohorts: [buildCohort({ modules: buildLinkedModules(3, 'ap') })] });

    const training = sessionsOf(generateSchedule(input), 'training');

    expect(training.map((s) => [s.moduleId, s.start, s.end])).to.deep.equal([
      ['m1', '2026-03-27T09:00:00+01:00', '2026-03-27T10:15:00+01:00'],
      ['m2', '2026-03-31T09:00:00+02:00', '2026-03-31T10:15:00+02:00'],
      ['m3', '2026-04-01T09:00:00+02:00', '2026-04-01T10:15:00+02:00'],
    ]);
    expect(training.map((s) => s.leadDays)).to.deep.equal([19, 15, 14]);
  });

  it('when sessions are planned, then every one is on a working day, within working hours, and none overlap', () => {
    const input = buildScheduleInput({ milestones: APRIL_GO_LIVE, cohorts: [buildCohort({ modules: buildLinkedModules(4, 'ap', { durationMinutes: 90 }) })] });
    const options = { workingHours: { start: '10:00', end: '16:00' }, workingDays: [2, 3, 4], maxSessionsPerDay: 2, maxSessionsPerWeek: 4 };

    const sessions = sessionsOf(generateSchedule(input, options));

    expect(sessions.length).to.equal(4 + 2 + 8);
    for (const session of sessions) {
      const { start, end } = localTimes(session, 'Europe/Berlin');
      expect([2, 3, 4], session.id).to.include(start.weekday);
      expect(start.toFormat('HH:mm') >= '10:00' && end.toFormat('HH:mm') <= '16:00', session.id).to.equal(true);
      expect(end.diff(start, 'minutes').minutes).to.equal(session.durationMinutes);
    }
    for (let i = 1; i < sessions.length; i += 1) {
      const gap = localTimes(sessions[i], 'Europe/Berlin').start.diff(localTimes(sessions[i - 1], 'Europe/Berlin').end, 'minutes').minutes;
      expect(gap, `${sessions[i - 1].id} → ${sessions[i].id}`).to.be.at.least(15);
    }
  });

  it('when a day is closed, then no session falls on it', () => {
    const input = buildScheduleInput({ milestones: APRIL_GO_LIVE, cohorts: [buildCohort({ modules: buildLinkedModules(3, 'ap') })] });

    const training = sessionsOf(generateSchedule(input, { closedDates: ['2026-04-01'] }), 'training');

    expect(training.map((s) => s.date)).to.deep.equal(['2026-03-27', '2026-03-30', '2026-03-31']);
  });
});

describe('generateSchedule: the weekly cap', () => {
  it('when many modules serve one go-live, then no ISO week holds more sessions than the cap', () => {
    const input = buildScheduleInput({ milestones: APRIL_GO_LIVE, cohorts: [buildCohort({ modules: buildLinkedModules(5, 'ap') })] });

    const curriculum = generateSchedule(input, { maxSessionsPerWeek: 1 });

    const counts = [...sessionsPerWeek(sessionsOf(curriculum)).values()];
    expect(Math.max(...counts)).to.equal(1);
    expect(sessionsOf(curriculum, 'training').map((s) => s.date)).to.deep.equal(['2026-03-06', '2026-03-13', '2026-03-20', '2026-03-27', '2026-04-01']);
  });

  it('when the window holds fewer slots than modules, then the earliest module moves before the window and is flagged window-extended', () => {
    const input = buildScheduleInput({ milestones: APRIL_GO_LIVE, cohorts: [buildCohort({ modules: buildLinkedModules(7, 'ap') })] });

    const curriculum = generateSchedule(input);

    const training = sessionsOf(curriculum, 'training');
    expect(training.map((s) => s.date)).to.deep.equal(['2026-03-13', '2026-03-19', '2026-03-20', '2026-03-26', '2026-03-27', '2026-03-31', '2026-04-01']);
    expect(Math.max(...sessionsPerWeek(sessionsOf(curriculum)).values())).to.equal(2);
    const flags = curriculum.cohorts[0].flags.filter((f) => f.code === 'window-extended');
    expect(flags.map((f) => f.moduleId)).to.deep.equal(['m1']);
  });

  it('when even the days from today to two weeks before go-live are too few, then the modules go as soon as possible in order, the cap holds, and the late ones are flagged window-too-tight', () => {
    const milestones = [{ id: 'soon', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-03-25' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(5, 'soon') })] });

    const curriculum = generateSchedule(input);

    const training = sessionsOf(curriculum, 'training');
    expect(training.map((s) => [s.moduleId, s.date])).to.deep.equal([
      ['m1', '2026-03-03'], ['m2', '2026-03-04'], ['m3', '2026-03-09'], ['m4', '2026-03-10'], ['m5', '2026-03-16'],
    ]);
    expect(Math.max(...sessionsPerWeek(sessionsOf(curriculum)).values())).to.equal(2);
    const tight = curriculum.cohorts[0].flags.filter((f) => f.code === 'window-too-tight');
    expect(tight.map((f) => f.moduleId)).to.deep.equal(['m5']);
  });
});

describe('generateSchedule: go-lives too close or past', () => {
  it('when a go-live is less than two weeks away, then its modules are scheduled as soon as possible and each is flagged go-live-too-close', () => {
    const milestones = [{ id: 'soon', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-03-10' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(2, 'soon') })] });

    const curriculum = generateSchedule(input);

    expect(sessionsOf(curriculum, 'training').map((s) => s.start)).to.deep.equal(['2026-03-03T09:00:00+01:00', '2026-03-04T09:00:00+01:00']);
    const flags = curriculum.cohorts[0].flags.filter((f) => f.code === 'go-live-too-close');
    expect(flags.map((f) => f.moduleId)).to.deep.equal(['m1', 'm2']);
    expect(flags[0].message).to.contain('2026-03-10');
  });

  it('when a go-live is in the past, then its module is still scheduled, as soon as possible, and flagged go-live-passed', () => {
    const milestones = [{ id: 'past', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-02-20' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'past') })] });

    const curriculum = generateSchedule(input);

    const [training] = sessionsOf(curriculum, 'training');
    expect(training.date).to.equal('2026-03-03');
    expect(training.leadDays).to.equal(-11);
    expect(curriculum.cohorts[0].flags.map((f) => [f.code, f.moduleId])).to.deep.include(['go-live-passed', 'm1']);
  });

  it('when today is a Friday and notice is one day, then the first possible session is on Monday', () => {
    const milestones = [{ id: 'soon', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-03-12' }];
    const input = buildScheduleInput({ today: '2026-03-06', milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'soon') })] });

    const [training] = sessionsOf(generateSchedule(input), 'training');

    expect(training.start).to.equal('2026-03-09T09:00:00+01:00');
  });
});
