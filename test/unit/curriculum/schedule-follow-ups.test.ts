import { expect } from 'chai';
import { generateSchedule } from '../../../src/curriculum/index.ts';
import { buildCohort, buildLinkedModules, buildModule, buildScheduleInput, sessionsOf, sessionsPerWeek } from './schedule-builders.ts';

describe('generateSchedule: office hours and reinforcement', () => {
  it('when a go-live falls on a working day, then office hours sit 2 and 6 weeks after it and reinforcement 30 and 90 days after it', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'ap') })] });

    const sessions = sessionsOf(generateSchedule(input));

    expect(sessions.map((s) => [s.kind, s.id, s.start])).to.deep.equal([
      ['training', 'training-m1', '2026-04-01T09:00:00+02:00'],
      ['office-hours', 'office-hours-ap-d14', '2026-04-29T09:00:00+02:00'],
      ['reinforcement', 'reinforcement-m1-d30', '2026-05-15T09:00:00+02:00'],
      ['office-hours', 'office-hours-ap-d42', '2026-05-27T09:00:00+02:00'],
      ['reinforcement', 'reinforcement-m1-d90', '2026-07-14T09:00:00+02:00'],
    ]);
  });

  it('when a follow-up date falls on a weekend, then it moves to the next working day and keeps the date it was due', () => {
    const milestones = [{ id: 'sat', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-18' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'sat') })] });

    const officeHours = sessionsOf(generateSchedule(input), 'office-hours');

    expect(officeHours[0].targetDate).to.equal('2026-05-02');
    expect(officeHours[0].date).to.equal('2026-05-04');
  });

  it('when reinforcement revisits a module, then it carries the harder exercises and the module id', () => {
    const module = buildModule({
      moduleId: 'invoices',
      milestoneIds: ['ap'],
      exercises: [
        { title: 'Match a batch', deliverable: 'A matched batch', reflection: 'What did it miss?', advanced: 'Match a batch with credit notes' },
        { title: 'Explain a mismatch', deliverable: 'A note', reflection: 'Was it right?' },
      ],
    });
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: [module] })] });

    const reinforcement = sessionsOf(generateSchedule(input), 'reinforcement');

    expect(reinforcement).to.have.length(2);
    expect(reinforcement[0].moduleId).to.equal('invoices');
    expect(reinforcement[0].exercises).to.deep.equal([
      { title: 'Match a batch', deliverable: 'A matched batch', reflection: 'What did it miss?', advanced: 'Match a batch with credit notes' },
    ]);
  });

  it('when several follow-ups are due in one week beyond the cap, then they move to later weeks, the cap holds, and long moves are flagged', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(3, 'ap') })] });

    const curriculum = generateSchedule(input, { maxSessionsPerWeek: 1 });

    const sessions = sessionsOf(curriculum);
    expect(Math.max(...sessionsPerWeek(sessions).values())).to.equal(1);
    expect(sessionsOf(curriculum, 'reinforcement').filter((s) => s.targetDate === '2026-05-15').map((s) => s.date)).to.deep.equal(['2026-05-15', '2026-05-18', '2026-05-25']);
    const moved = curriculum.cohorts[0].flags.filter((f) => f.code === 'follow-up-moved').map((f) => f.sessionId);
    expect(moved).to.include('reinforcement-m3-d30');
    expect(moved).to.not.include('reinforcement-m2-d30');
  });

  it('when the go-live has passed, then the follow-ups count from the training, not from the go-live', () => {
    const milestones = [{ id: 'past', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-02-20' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(1, 'past') })] });

    const sessions = sessionsOf(generateSchedule(input));

    expect(sessions.map((s) => [s.id, s.targetDate ?? s.date])).to.deep.equal([
      ['training-m1', '2026-03-03'],
      ['office-hours-past-d14', '2026-03-17'],
      ['reinforcement-m1-d30', '2026-04-02'],
      ['office-hours-past-d42', '2026-04-14'],
      ['reinforcement-m1-d90', '2026-06-01'],
    ]);
  });

  it('when several modules serve one workflow, then the workflow gets one pair of office hours listing them all', () => {
    const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: buildLinkedModules(2, 'ap') })] });

    const officeHours = sessionsOf(generateSchedule(input), 'office-hours');

    expect(officeHours.map((s) => [s.id, s.moduleIds])).to.deep.equal([
      ['office-hours-ap-d14', ['m1', 'm2']],
      ['office-hours-ap-d42', ['m1', 'm2']],
    ]);
    expect(officeHours[0].title).to.equal('Office hours (week 2 after go-live): Invoice approval');
  });
});
