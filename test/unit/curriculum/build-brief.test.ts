import { expect } from 'chai';
import { briefMailOf } from '../../../src/curriculum/domain/brief-mail.ts';
import { buildBrief, type BriefInputs } from '../../../src/curriculum/domain/build-brief.ts';
import type { CohortModule, CurriculumView, StoredCurriculum } from '../../../src/curriculum/domain/curriculum-version.ts';
import { compareWithRoster } from '../../../src/curriculum/domain/roster-changes.ts';
import type { Session } from '../../../src/curriculum/index.ts';

function module(moduleId: string, taskIds: string[], overrides: Partial<CohortModule> = {}): CohortModule {
  return {
    moduleId, title: `Module ${moduleId}`, position: 1, decision: 'approved', isInLibrary: true, demand: 1, coverage: 0.5,
    servesTasks: taskIds.map((taskId) => ({ taskId, text: '' })), metrics: [{ name: `${moduleId} cycle time`, direction: 'decrease' }], ...overrides,
  };
}

function session(id: string, start: string, extra: Partial<Session> = {}): Session {
  return { id, kind: 'training', title: id, start, end: start.replace('T09:00', 'T10:15'), date: start.slice(0, 10), durationMinutes: 75, ...extra };
}

/** Version 3 of an engagement: cohort `fin` (p1, p2) with modules m1 (t1, t4) and m2 (withdrawn, t2); cohort `hr` (p3). */
function curriculum(): Pick<StoredCurriculum, 'document' | 'plan'> {
  const cohort = (id: string, modules: CohortModule[], sessions: Session[]) => ({
    id, department: id, roleLevel: 'contributor' as const, memberCount: 2,
    concerns: { respondents: 0, threshold: 3.5, adjusted: {}, triggeredBy: [], needsOpening: false },
    milestones: [], guardrails: [{ topic: 'data-privacy' as const, rule: `Keep ${id} data out`, moduleIds: [], managerCount: 1 }], sessions, flags: [], modules,
  });
  const document = {
    engagementId: 'e', version: 3, status: 'published', publishedAt: '2026-03-05T10:00:00.000Z', shortlistVersion: 1, generatedOn: '2026-03-02',
    generatedAt: '2026-03-02T09:00:00.000Z', timeZone: 'Europe/Berlin', flags: [], cohorts: [
      cohort('fin', [module('m1', ['t1', 't4']), module('m2', ['t2'], { isInLibrary: false })], [session('training-m1', '2026-05-18T09:00:00+02:00', { moduleId: 'm1', servesTasks: [{ taskId: 't4', text: 'a colleague\'s words' }] })]),
      cohort('hr', [module('m3', ['t9'])], [session('training-m3', '2026-05-19T09:00:00+02:00', { moduleId: 'm3' })]),
    ],
  } as unknown as CurriculumView;
  return {
    document,
    plan: {
      fin: { personIds: ['p1', 'p2'], taskIds: ['t1', 't2', 't3', 't4', 't5'], gapTaskIds: ['t3'] },
      hr: { personIds: ['p3'], taskIds: ['t9'], gapTaskIds: [] },
    },
  };
}

function inputs(personId: string, tasks: BriefInputs['tasks']): BriefInputs {
  return {
    engagement: { id: 'e', name: 'AI readiness', client: 'Northwind', timeZone: 'Europe/Berlin' },
    person: { id: personId, name: 'Ada', department: 'Finance', roleLevel: 'contributor' },
    tasks,
  };
}

describe('buildBrief', () => {
  it('when my tasks are served, withdrawn, a gap, not approved, rejected or new, then each lands where it belongs with its reason', () => {
    const brief = buildBrief(curriculum(), inputs('p1', [
      { id: 't1', text: 'Match invoices', status: 'confirmed' },
      { id: 't2', text: 'Chase suppliers', status: 'confirmed' },
      { id: 't3', text: 'Water the plants', status: 'submitted' },
      { id: 't5', text: 'Book travel', status: 'confirmed' },
      { id: 't6', text: 'Added last week', status: 'confirmed' },
      { id: 't7', text: 'Rejected by my manager', status: 'rejected' },
    ]));

    expect(brief.cohortId).to.equal('fin');
    expect(brief.tasks.served).to.deep.equal([{ taskId: 't1', text: 'Match invoices', modules: [{ moduleId: 'm1', title: 'Module m1' }] }]);
    expect(brief.tasks.notYetCovered.map((t) => [t.taskId, t.reason])).to.deep.equal([
      ['t2', 'module-withdrawn'], ['t3', 'gap'], ['t5', 'module-not-approved'], ['t6', 'reported-after-planning'],
    ]);
    expect(brief.tasks.summary).to.equal('The programme serves 1 of your 5 reported tasks; 4 are not covered yet, listed below with the reason.');
  });

  it('when built, then the sessions are my cohort\'s, without anybody\'s task words, and the measures put my modules first', () => {
    const brief = buildBrief(curriculum(), inputs('p1', [{ id: 't1', text: 'Match invoices', status: 'confirmed' }]));

    expect(brief.sessions.map((s) => s.id)).to.deep.equal(['training-m1']);
    expect(JSON.stringify(brief.sessions)).to.not.include('colleague');
    expect(brief.goodAiUse.guardrails).to.deep.equal([{ topic: 'data-privacy', rule: 'Keep fin data out' }]);
    expect(brief.goodAiUse.measures.map((m) => m.name)).to.deep.equal(['m1 cycle time']);
  });

  it('when I am in no cohort of the version, then it says so plainly: no sessions, every task reported after planning', () => {
    const brief = buildBrief(curriculum(), inputs('newcomer', [{ id: 't8', text: 'Reconcile the bank', status: 'submitted' }]));

    expect(brief.cohortId).to.equal(null);
    expect(brief.sessions).to.deep.equal([]);
    expect(brief.tasks.notYetCovered.map((t) => t.reason)).to.deep.equal(['reported-after-planning']);
    expect(brief.tasks.summary).to.match(/^You are not part of this version of the programme yet/);
    expect(brief.goodAiUse.responsibilities).to.have.length.greaterThan(3);
  });

  it('when I have no tasks and am in no cohort (a manager who only reviews), then it says so without blaming a late report', () => {
    const brief = buildBrief(curriculum(), inputs('reviewer', []));

    expect(brief.tasks.summary).to.equal('You are not in any group of this programme: you have no reported tasks on record, so it plans no sessions for you.');
    expect(brief.sessions).to.deep.equal([]);
  });

  it('when turned into the brief mail, then it carries the same answers as lines and the page path', () => {
    const brief = buildBrief(curriculum(), inputs('p1', [{ id: 't1', text: 'Match invoices', status: 'confirmed' }, { id: 't3', text: 'Water the plants', status: 'confirmed' }]));

    const mail = briefMailOf(brief, { name: 'Ada', email: 'ada@example.test' });

    expect(mail).to.deep.include({ personId: 'p1', curriculumVersion: 3, roleLevel: 'contributor', uncoveredTasks: ['Water the plants'], briefPath: '/brief' });
    expect(mail.servedTasks).to.deep.equal([{ text: 'Match invoices', modules: [{ id: 'm1', title: 'Module m1' }] }]);
    expect(mail.goodUse.measures).to.deep.equal(['m1 cycle time (should go down)']);
    expect(mail.sessions[0].start.toISOString()).to.equal('2026-05-18T07:00:00.000Z');
  });

  it('when a session of mine is provisional, then the brief mail marks it so, as the page and the calendar do', () => {
    const version = curriculum();
    version.document.cohorts[0].sessions.push(session('training-m9', '2026-05-20T09:00:00+02:00', { moduleId: 'm9', isProvisional: true }));
    const brief = buildBrief(version, inputs('p1', []));

    const mail = briefMailOf(brief, { name: 'Ada', email: 'ada@example.test' });

    expect(mail.sessions.map((s) => s.isProvisional === true)).to.deep.equal([false, true]);
  });
});

describe('compareWithRoster', () => {
  const cohorts = [{ id: 'fin', department: 'Finance', roleLevel: 'contributor' as const, personIds: ['p1', 'p2'], taskIds: ['t1', 't2'], computedPeopleCount: 3 }];

  it('when the roster still matches the shortlist, then nothing is flagged', () => {
    const { changes, flags } = compareWithRoster(2, [{ ...cohorts[0], computedPeopleCount: 2 }], {
      people: [{ id: 'p1', department: 'Finance', roleLevel: 'contributor' }, { id: 'p2', department: 'Finance', roleLevel: 'contributor' }],
      tasks: [{ id: 't1', personId: 'p1', status: 'confirmed' }, { id: 't2', personId: 'p2', status: 'submitted' }],
    });

    expect(flags).to.deep.equal([]);
    expect(changes).to.deep.equal({ shortlistVersion: 2, peopleNotInShortlist: 0, peopleNoLongerOnRecord: 0, peopleMoved: 0, tasksNotInShortlist: 0, tasksRejectedSince: 0 });
  });

  it('when people joined, left, moved and tasks changed, then every count is in the flag and in the numbers', () => {
    const { changes, flags } = compareWithRoster(2, cohorts, {
      people: [{ id: 'p1', department: 'Finance', roleLevel: 'manager' }, { id: 'p2', department: 'Finance', roleLevel: 'contributor' }, { id: 'p9', department: 'Finance', roleLevel: 'contributor' }],
      tasks: [
        { id: 't1', personId: 'p1', status: 'confirmed' }, { id: 't2', personId: 'p2', status: 'rejected' },
        { id: 't3', personId: 'p2', status: 'submitted' }, { id: 't9', personId: 'p9', status: 'submitted' }, { id: 't10', personId: 'p9', status: 'rejected' },
      ],
    });

    expect(changes).to.deep.equal({ shortlistVersion: 2, peopleNotInShortlist: 1, peopleNoLongerOnRecord: 1, peopleMoved: 1, tasksNotInShortlist: 1, tasksRejectedSince: 1 });
    expect(flags).to.have.length(1);
    expect(flags[0].message).to.equal('The shortlist is older than the roster; re-run the shortlist. Since shortlist version 2: 1 person with reported tasks is not in it; '
      + '1 person it counted has no tasks on record any more (erased, or tasks rewritten); 1 person has changed department or role level (still planned with their old cohort); '
      + '1 task was reported since by people in it; 1 task it counted was rejected by a manager since.');
  });
});
