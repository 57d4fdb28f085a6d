import { expect } from 'chai';
import { generateSchedule } from '../../../src/curriculum/index.ts';
import { workflowTerms } from '../../../src/curriculum/domain/schedule/workflow-terms.ts';
import { buildCohort, buildModule, buildScheduleInput, flagCodes, sessionsOf } from './schedule-builders.ts';

const MILESTONES = [
  { id: 'invoices', department: 'Finance', workflow: 'Invoice approval', goLive: '2026-04-15' },
  { id: 'close', department: 'Finance', workflow: 'Month-end close', goLive: '2026-05-20' },
  { id: 'hr-invoices', department: 'HR', workflow: 'Invoice approval', goLive: '2026-03-25' },
];
const INVOICES = buildModule({ moduleId: 'invoice-matching', title: 'Invoice processing and three-way matching', tasks: ['matching invoices to purchase orders'] });
const VARIANCE = buildModule({ moduleId: 'variance', title: 'Month-end variance commentary', tasks: ['writing the month-end close commentary'] });
const SPREADSHEETS = buildModule({ moduleId: 'spreadsheets', title: 'Spreadsheet basics', tasks: ['building pivot tables'] });

function milestoneOf(curriculum: ReturnType<typeof generateSchedule>, moduleId: string): string | undefined {
  return sessionsOf(curriculum, 'training').find((s) => s.moduleId === moduleId)?.milestoneId;
}

describe('workflowTerms', () => {
  it('when words differ only in inflection, then they meet at one term, and rollout words are ignored', () => {
    expect([...workflowTerms('Invoices')]).to.deep.equal([...workflowTerms('invoicing')]);
    expect([...workflowTerms('Sprint planning')]).to.deep.equal(['sprint', 'plan']);
    expect([...workflowTerms('Go-live of the new AI workflow')]).to.deep.equal([]);
  });
});

describe('generateSchedule: tying training modules to milestones', () => {
  it('when no explicit link exists, then a module goes to its department\'s milestone whose workflow words it covers', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [INVOICES, VARIANCE] })] });

    const curriculum = generateSchedule(input);

    expect(milestoneOf(curriculum, 'invoice-matching')).to.equal('invoices');
    expect(milestoneOf(curriculum, 'variance')).to.equal('close');
    expect(curriculum.cohorts[0].milestones.map((m) => [m.id, m.moduleIds])).to.deep.equal([['invoices', ['invoice-matching']], ['close', ['variance']]]);
  });

  it('when the consultant linked a module explicitly, then that link wins over the word overlap', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [{ ...INVOICES, milestoneIds: ['close'] }] })] });

    expect(milestoneOf(generateSchedule(input), 'invoice-matching')).to.equal('close');
  });

  it('when an explicit link names an unknown milestone, then it is flagged and the word overlap decides', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [{ ...INVOICES, milestoneIds: ['nope'] }] })] });

    const curriculum = generateSchedule(input);

    expect(milestoneOf(curriculum, 'invoice-matching')).to.equal('invoices');
    expect(curriculum.cohorts[0].flags.find((f) => f.code === 'milestone-not-found')?.milestoneId).to.equal('nope');
  });

  it('when a module matches no milestone, then it is flagged and gets a provisional as-soon-as-possible session without follow-ups', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [SPREADSHEETS] })] });

    const curriculum = generateSchedule(input);

    const sessions = sessionsOf(curriculum);
    expect(sessions.map((s) => [s.id, s.date, s.isProvisional])).to.deep.equal([['training-spreadsheets', '2026-03-03', true]]);
    expect(curriculum.cohorts[0].flags.find((f) => f.code === 'module-without-milestone')?.moduleId).to.equal('spreadsheets');
  });

  it('when unlinked modules are set to stay unscheduled, then they get no session but are still flagged', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [SPREADSHEETS, INVOICES] })] });

    const curriculum = generateSchedule(input, { unlinkedModules: 'unscheduled' });

    expect(sessionsOf(curriculum, 'training').map((s) => s.moduleId)).to.deep.equal(['invoice-matching']);
    expect(flagCodes(curriculum)).to.include('module-without-milestone');
  });

  it('when a milestone has no go-live date, then the engagement is flagged and a module linked to it stays unlinked, not re-guessed', () => {
    const milestones = [...MILESTONES, { id: 'undated', department: 'Finance', workflow: 'Invoice approval v2', goLive: null }];
    const input = buildScheduleInput({ milestones, cohorts: [buildCohort({ modules: [{ ...INVOICES, milestoneIds: ['undated'] }] })] });

    const curriculum = generateSchedule(input);

    expect(curriculum.flags.map((f) => [f.code, f.milestoneId])).to.deep.equal([['milestone-without-go-live', 'undated']]);
    expect(sessionsOf(curriculum, 'training')[0].isProvisional).to.equal(true);
    expect(flagCodes(curriculum)).to.include('module-without-milestone');
  });

  it('when a module is linked to two milestones, then its session prepares for the earlier go-live', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [{ ...VARIANCE, milestoneIds: ['close', 'invoices'] }] })] });

    expect(milestoneOf(generateSchedule(input), 'variance')).to.equal('invoices');
  });

  it('when a module left the library after approval, then it gets no session and is flagged', () => {
    const input = buildScheduleInput({ milestones: MILESTONES, cohorts: [buildCohort({ modules: [{ ...INVOICES, isInLibrary: false }, VARIANCE] })] });

    const curriculum = generateSchedule(input);

    expect(sessionsOf(curriculum, 'training').map((s) => s.moduleId)).to.deep.equal(['variance']);
    expect(curriculum.cohorts[0].flags.find((f) => f.code === 'module-not-in-library')?.moduleId).to.equal('invoice-matching');
  });

  it('when milestones come without ids, then each gets a stable id derived from its content', () => {
    const unnamed = MILESTONES.map(({ id: _id, ...rest }) => rest);
    const input = buildScheduleInput({ milestones: unnamed, cohorts: [buildCohort({ modules: [INVOICES] })] });
    const reordered = buildScheduleInput({ milestones: [...unnamed].reverse(), cohorts: [buildCohort({ modules: [INVOICES] })] });

    const id = milestoneOf(generateSchedule(input), 'invoice-matching');

    expect(id).to.match(/^ms-[0-9a-f]{10}$/);
    expect(milestoneOf(generateSchedule(reordered), 'invoice-matching')).to.equal(id);
  });
});
