import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { AppError } from '../../../src/platform/errors.ts';
import { PROJECT_ROOT } from '../../../src/platform/config.ts';
import { createAjv } from '../../../src/platform/validation.ts';
import { generateSchedule, type ScheduleInput } from '../../../src/curriculum/index.ts';
import { buildCohort, buildLinkedModules, buildModule, buildScheduleInput } from './schedule-builders.ts';

/** An engagement that exercises every kind of session and several flags. */
function buildRichInput(): ScheduleInput {
  const milestones = [
    { id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' },
    { id: 'soon', department: 'Finance', workflow: 'Month-end close', goLive: '2026-03-10' },
    { department: 'HR', workflow: 'Interview guides', goLive: '2026-05-04' },
    { department: 'HR', workflow: 'Offer letters' },
  ];
  const finance = buildCohort({
    concernScores: { respondents: 4, jobDisplacement: 4.1, comfortWithTechnology: 2 },
    modules: [...buildLinkedModules(3, 'ap'), buildModule({ moduleId: 'close', title: 'Month-end close commentary' }), buildModule({ moduleId: 'orphan', title: 'Spreadsheet basics' })],
    managerGuidance: [{ forbiddenData: ['salary data'], approvals: ['Controller'] }],
  });
  const hr = buildCohort({
    id: 'hr-manager', department: 'HR', roleLevel: 'manager', memberCount: 1,
    modules: [buildModule({ moduleId: 'interviews', title: 'Interview guide creation', guardrails: [{ topic: 'bias', rule: 'Same questions for every candidate.' }] })],
  });
  return buildScheduleInput({ milestones, cohorts: [finance, hr] });
}

describe('generateSchedule: contract', () => {
  it('when the same input is planned twice, then the documents are identical byte for byte', () => {
    const first = JSON.stringify(generateSchedule(buildRichInput()));

    const second = JSON.stringify(generateSchedule(buildRichInput()));

    expect(second).to.equal(first);
  });

  it('when cohorts arrive in another order, then the document does not change', () => {
    const input = buildRichInput();
    const reversed = { ...input, cohorts: [...input.cohorts].reverse() };

    expect(JSON.stringify(generateSchedule(reversed))).to.equal(JSON.stringify(generateSchedule(input)));
  });

  it('when a rich engagement is planned, then the document fits schemas/curriculum.schema.json and has every kind of session', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schemas', 'curriculum.schema.json'), 'utf8'));
    const validate = createAjv().compile(schema);

    const curriculum = generateSchedule(buildRichInput());

    expect(validate(curriculum), JSON.stringify(validate.errors)).to.equal(true);
    const kinds = new Set(curriculum.cohorts.flatMap((c) => c.sessions.map((s) => s.kind)));
    expect([...kinds].sort()).to.deep.equal(['office-hours', 'opening', 'reinforcement', 'training']);
    expect(curriculum.cohorts.map((c) => c.id)).to.deep.equal(['finance-contributor', 'hr-manager']);
  });

  it('when sessions are listed, then they are in start order with unique ids', () => {
    const curriculum = generateSchedule(buildRichInput());

    for (const cohort of curriculum.cohorts) {
      const starts = cohort.sessions.map((s) => Date.parse(s.start));
      expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
      expect(new Set(cohort.sessions.map((s) => s.id)).size).to.equal(cohort.sessions.length);
    }
  });

  it('when the time zone is not an IANA name, then it answers 422 invalid-schedule-input pointing at it', () => {
    const input = buildScheduleInput({ timeZone: 'Mars/Olympus', cohorts: [buildCohort({ modules: buildLinkedModules(1, 'x') })] });

    const error = captureError(() => generateSchedule(input));

    expect(error).to.be.instanceOf(AppError);
    expect(error).to.include({ status: 422, code: 'invalid-schedule-input' });
    expect((error as AppError).extra.errors).to.deep.include({ pointer: '/engagement/timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
  });

  it('when options are out of range, then it answers 422 invalid-schedule-options listing each one', () => {
    const error = captureError(() => generateSchedule(buildScheduleInput(), { maxSessionsPerWeek: 0, workingHours: { start: '17:00', end: '09:00' } }));

    expect(error).to.include({ status: 422, code: 'invalid-schedule-options' });
    const pointers = ((error as AppError).extra.errors as { pointer: string }[]).map((p) => p.pointer);
    expect(pointers).to.deep.equal(['/options/maxSessionsPerWeek', '/options/workingHours']);
  });

  it('when today is not a date, then it answers 422 pointing at it', () => {
    const error = captureError(() => generateSchedule({ ...buildScheduleInput(), today: '2026-02-30' }));

    expect((error as AppError).extra.errors).to.deep.include({ pointer: '/today', message: 'must be an ISO date (YYYY-MM-DD)' });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
