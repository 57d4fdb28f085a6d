import { expect } from 'chai';
import { generateSchedule } from '../../../src/curriculum/index.ts';
import { buildCohort, buildModule, buildScheduleInput, flagCodes, sessionsOf } from './schedule-builders.ts';

const MILESTONES = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];

describe('generateSchedule: what a training session holds', () => {
  it('when modules last 60, 75, 90 or an unknown time, then each session lasts that long (75 by default), about 40 % instructor-led', () => {
    const modules = [
      buildModule({ moduleId: 'a', durationMinutes: 60, milestoneIds: ['ap'] }),
      buildModule({ moduleId: 'b', durationMinutes: 90, milestoneIds: ['ap'] }),
      buildModule({ moduleId: 'c', durationMinutes: undefined, milestoneIds: ['ap'] }),
    ];
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules })] });

    const training = sessionsOf(generateSchedule(input), 'training');

    expect(training.map((s) => [s.moduleId, s.durationMinutes, s.instructorMinutes, s.practiceMinutes])).to.deep.equal([
      ['a', 60, 25, 35],
      ['b', 90, 35, 55],
      ['c', 75, 30, 45],
    ]);
  });

  it('when a module has exercises, then the session carries the first exercise\'s deliverable and reflection, the tasks it serves and its measures', () => {
    const module = buildModule({
      moduleId: 'invoices',
      milestoneIds: ['ap'],
      exercises: [{ title: 'Match a batch', artifact: 'Last month\'s invoices', deliverable: 'A matched batch', reflection: 'What did it miss?' }],
      servesTasks: [{ taskId: 't-1', text: 'Matching invoices against POs' }],
      metrics: [{ name: 'invoice cycle time', direction: 'decrease' }],
    });
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [module] })] });

    const [training] = sessionsOf(generateSchedule(input), 'training');

    expect(training).to.include({ title: 'Module invoices', deliverable: 'A matched batch', reflection: 'What did it miss?', goLive: '2026-04-15', milestoneId: 'ap' });
    expect(training.servesTasks).to.deep.equal([{ taskId: 't-1', text: 'Matching invoices against POs' }]);
    expect(training.metrics).to.deep.equal(['invoice cycle time']);
  });

  it('when a cohort has one person, then it is planned like any other and flagged for the consultant', () => {
    const module = buildModule({ moduleId: 'invoices', milestoneIds: ['ap'] });
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ memberCount: 1, modules: [module] })] });

    const curriculum = generateSchedule(input);

    expect(sessionsOf(curriculum, 'training')).to.have.length(1);
    expect(sessionsOf(curriculum)).to.have.length(5);
    expect(flagCodes(curriculum)).to.include('cohort-of-one');
  });

  it('when a module is approved twice, then it gets one session and the duplicate is flagged', () => {
    const module = buildModule({ moduleId: 'invoices', milestoneIds: ['ap'] });
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [module, { ...module }] })] });

    const curriculum = generateSchedule(input);

    expect(sessionsOf(curriculum, 'training')).to.have.length(1);
    expect(flagCodes(curriculum)).to.include('duplicate-module');
  });

  it('when a cohort has no approved module left, then it has no sessions and is flagged', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [] })] });

    const curriculum = generateSchedule(input);

    expect(sessionsOf(curriculum)).to.deep.equal([]);
    expect(flagCodes(curriculum)).to.include('no-approved-modules');
  });
});

describe('generateSchedule: guardrails', () => {
  it('when modules and managers state rules, then each rule appears once per topic, privacy and approvals first, with where it came from', () => {
    const modules = [
      buildModule({ moduleId: 'a', milestoneIds: ['ap'], guardrails: [{ topic: 'bias', rule: 'Check outputs for biased wording.' }, { topic: 'data-privacy', rule: 'Never paste customer names.' }] }),
      buildModule({ moduleId: 'b', milestoneIds: ['ap'], guardrails: [{ topic: 'data-privacy', rule: 'never  paste customer names' }] }),
    ];
    const managerGuidance = [
      { forbiddenData: ['customer bank details', 'Customer bank details.'], approvals: ['The controller signs off supplier e-mails'] },
      { forbiddenData: ['customer bank details'] },
    ];
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules, managerGuidance })] });

    const { guardrails } = generateSchedule(input).cohorts[0];

    expect(guardrails).to.deep.equal([
      { topic: 'data-privacy', rule: 'Never enter into an AI tool: customer bank details.', moduleIds: [], managerCount: 2 },
      { topic: 'data-privacy', rule: 'Never paste customer names.', moduleIds: ['a', 'b'], managerCount: 0 },
      { topic: 'approval-chain', rule: 'Approval before AI output is used: The controller signs off supplier e-mails.', moduleIds: [], managerCount: 1 },
      { topic: 'bias', rule: 'Check outputs for biased wording.', moduleIds: ['a'], managerCount: 0 },
    ]);
  });
});
