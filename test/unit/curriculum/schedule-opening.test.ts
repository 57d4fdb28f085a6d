import { expect } from 'chai';
import { generateSchedule, type ConcernScores } from '../../../src/curriculum/index.ts';
import { buildCohort, buildLinkedModules, buildScheduleInput, flagCodes, sessionsOf } from './schedule-builders.ts';

const CALM: ConcernScores = { respondents: 5, jobDisplacement: 2, comfortWithTechnology: 4, trustInOutput: 2, compliance: 2 };

function planWith(concernScores: ConcernScores | undefined, goLive = '2026-04-15', options = {}) {
  const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive }];
  const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ concernScores, modules: buildLinkedModules(2, 'ap') })] });
  return generateSchedule(input, options);
}

describe('generateSchedule: the opening session on concerns', () => {
  it('when one concern mean reaches the threshold exactly, then an opening session comes before the first training', () => {
    const curriculum = planWith({ ...CALM, jobDisplacement: 3.5 });

    const sessions = sessionsOf(curriculum);

    expect(sessions[0].kind).to.equal('opening');
    expect(sessions[0].start).to.equal('2026-03-27T09:00:00+01:00');
    expect(sessions[1].id).to.equal('training-m1');
    expect(Date.parse(sessions[0].end)).to.be.below(Date.parse(sessions[1].start));
    expect(curriculum.cohorts[0].concerns.triggeredBy).to.deep.equal(['jobDisplacement']);
  });

  it('when every concern mean stays just under the threshold, then there is no opening session', () => {
    const curriculum = planWith({ ...CALM, jobDisplacement: 3.49, compliance: 3.49 });

    expect(sessionsOf(curriculum, 'opening')).to.have.length(0);
    expect(curriculum.cohorts[0].concerns.needsOpening).to.equal(false);
  });

  it('when comfort with technology is low, then it counts as a concern (inverted) and triggers the opening', () => {
    const curriculum = planWith({ ...CALM, comfortWithTechnology: 2.5 });

    expect(sessionsOf(curriculum, 'opening')).to.have.length(1);
    expect(curriculum.cohorts[0].concerns.adjusted.comfortWithTechnology).to.equal(3.5);
    expect(curriculum.cohorts[0].concerns.triggeredBy).to.deep.equal(['comfortWithTechnology']);
  });

  it('when comfort with technology is high, then it does not trigger the opening', () => {
    const curriculum = planWith({ ...CALM, comfortWithTechnology: 4.5 });

    expect(sessionsOf(curriculum, 'opening')).to.have.length(0);
  });

  it('when the threshold is raised, then the same scores no longer trigger the opening', () => {
    const curriculum = planWith({ ...CALM, trustInOutput: 3.8 }, '2026-04-15', { concernThreshold: 4 });

    expect(sessionsOf(curriculum, 'opening')).to.have.length(0);
  });

  it('when no one reported concern scores, then there is no opening and the consultant is told', () => {
    const curriculum = planWith({ respondents: 0 });

    expect(sessionsOf(curriculum, 'opening')).to.have.length(0);
    expect(flagCodes(curriculum)).to.include('concerns-unknown');
  });

  it('when the first training is as soon as possible, then the opening takes that slot and the training follows it', () => {
    const curriculum = planWith({ ...CALM, jobDisplacement: 4.6 }, '2026-03-10');

    const sessions = sessionsOf(curriculum).filter((s) => s.kind !== 'office-hours' && s.kind !== 'reinforcement');

    expect(sessions.map((s) => [s.id, s.date])).to.deep.equal([
      ['opening', '2026-03-03'],
      ['training-m1', '2026-03-04'],
      ['training-m2', '2026-03-09'],
    ]);
  });
});
