import { expect } from 'chai';
import ical from 'node-ical';
import { generateSchedule, renderCurriculumIcs, sessionUid, type Curriculum } from '../../../src/curriculum/index.ts';
import { buildCohort, buildLinkedModules, buildModule, buildScheduleInput } from './schedule-builders.ts';

function buildCurriculum(version = 1): Curriculum {
  const milestones = [{ id: 'ap', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' }];
  const finance = buildCohort({
    concernScores: { respondents: 3, jobDisplacement: 4.2 },
    modules: [
      ...buildLinkedModules(2, 'ap'),
      buildModule({ moduleId: 'orphan', title: 'Spreadsheet basics — formulas, pivots & café budgets', durationMinutes: 60 }),
    ],
  });
  const hr = buildCohort({ id: 'hr-manager', department: 'HR', roleLevel: 'manager', modules: buildLinkedModules(1, 'ap') });
  return generateSchedule(buildScheduleInput({ version, milestones, cohorts: [finance, hr] }));
}

function parseEvents(ics: string): ical.VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

describe('renderCurriculumIcs', () => {
  it('when a curriculum is rendered, then a calendar parser reads one event per session with the same start, end, title and uid', () => {
    const curriculum = buildCurriculum();

    const events = parseEvents(renderCurriculumIcs(curriculum));

    const sessions = curriculum.cohorts.flatMap((cohort) => cohort.sessions.map((session) => ({ cohort, session })));
    expect(events).to.have.length(sessions.length);
    for (const { cohort, session } of sessions) {
      const event = events.find((e) => e.uid === sessionUid('eng-1', cohort.id, session.id));
      expect(event, session.id).to.not.equal(undefined);
      expect(event!.start.getTime(), session.id).to.equal(Date.parse(session.start));
      expect(event!.end!.getTime(), session.id).to.equal(Date.parse(session.end));
      expect(String(event!.summary)).to.equal(`${session.title} (${cohort.department}, ${cohort.roleLevel})`);
    }
  });

  it('when a session has a practice assignment, then its event describes the split, the deliverable and the reflection prompt', () => {
    const curriculum = buildCurriculum();

    const events = parseEvents(renderCurriculumIcs(curriculum, { cohortIds: ['finance-contributor'] }));

    const training = events.find((e) => e.uid === sessionUid('eng-1', 'finance-contributor', 'training-m1'))!;
    const description = String(training.description);
    expect(description).to.contain('30 min instructor-led, 45 min practice on your own work.');
    expect(description).to.contain('Practice assignment: A reviewed draft');
    expect(description).to.contain('Reflection: What did the assistant get wrong?');
    expect(String(training.summary)).to.equal('Module m1');
  });

  it('when one cohort is asked for, then only its sessions are in the file', () => {
    const curriculum = buildCurriculum();

    const events = parseEvents(renderCurriculumIcs(curriculum, { cohortIds: ['hr-manager'] }));

    const hr = curriculum.cohorts.find((c) => c.id === 'hr-manager')!;
    expect(events.map((e) => e.uid).sort()).to.deep.equal(hr.sessions.map((s) => sessionUid('eng-1', 'hr-manager', s.id)).sort());
  });

  it('when a session is provisional, then its event is tentative and non-ASCII titles survive line folding', () => {
    const curriculum = buildCurriculum();

    const events = parseEvents(renderCurriculumIcs(curriculum, { cohortIds: ['finance-contributor'] }));

    const provisional = events.find((e) => e.uid === sessionUid('eng-1', 'finance-contributor', 'training-orphan'))!;
    expect(provisional.status).to.equal('TENTATIVE');
    expect(String(provisional.summary)).to.equal('Spreadsheet basics — formulas, pivots & café budgets');
    const opening = events.find((e) => e.uid === sessionUid('eng-1', 'finance-contributor', 'opening'))!;
    expect(opening.status).to.equal('CONFIRMED');
  });

  it('when the same curriculum is rendered twice, then the bytes are identical, and a new version keeps the uids with a higher sequence', () => {
    const first = renderCurriculumIcs(buildCurriculum(1));

    const again = renderCurriculumIcs(buildCurriculum(1));
    const next = renderCurriculumIcs(buildCurriculum(2));

    expect(again).to.equal(first);
    expect(first).to.match(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(first).to.contain('DTSTAMP:20260302T000000Z');
    const uids = (ics: string) => parseEvents(ics).map((e) => e.uid).sort();
    expect(uids(next)).to.deep.equal(uids(first));
    expect(first).to.contain('SEQUENCE:1\r\n');
    expect(next).to.contain('SEQUENCE:2\r\n');
  });
});
