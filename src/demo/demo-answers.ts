import type { Answers, ComposedBank, Question } from '../intake/index.ts';
import { DEMO_MILESTONES, type DemoPerson } from './demo-people.ts';

/** Answers by question id that read like the person; questions not listed here get a plain valid answer. */
function knownAnswers(person: DemoPerson, addDays: (days: number) => string): Record<string, unknown> {
  const isFinance = person.department === 'Finance';
  const [job, comfort, trust, compliance] = person.concerns;
  return {
    jobTitle: person.jobTitle,
    responsibilities: person.responsibilities,
    timeInRole: '1-3-years',
    reviewOfWork: 'manager',
    teamSize: isFinance ? 4 : 9,
    tasks: person.tasks.map((t) => ({ description: t.text, hoursPerWeek: t.hoursPerWeek, frequency: t.frequency, dataSensitivity: t.dataSensitivity, ...(t.painPoints ? { painPoints: t.painPoints } : {}) })),
    aiUseFrequency: 'tried',
    aiTools: ['chat-assistant'],
    aiUseExamples: 'I once asked a chat assistant to make a difficult e-mail sound friendlier.',
    aiBarriers: ['no-access', 'no-time'],
    aiPolicyAwareness: 'heard-of-them',
    aiOversight: 'Nothing drafted by AI goes to a customer, supplier or the board without a person reading it first.',
    measures: isFinance ? ['cycle-time', 'error-rate'] : ['response-time', 'customer-satisfaction'],
    measureToImprove: isFinance ? 'Days to close the month.' : 'First-reply time on e-mail.',
    concernJobDisplacement: job,
    comfortNewTechnology: comfort,
    trustAiOutput: trust,
    complianceWorries: compliance,
    learningFormats: ['practice-on-own-work', 'workshop-in-person'],
    preferredTimes: ['late-morning'],
    hoursPerMonthForLearning: 4,
    financeSystems: ['erp', 'spreadsheets'],
    financeControls: 'Four-eyes approval on payments above £10,000; supplier bank changes are verified by a call-back.',
    financeCloseDays: 6,
    financeManualMatching: 'some',
    serviceChannels: ['email', 'chat', 'phone'],
    serviceContactsPerWeek: 350,
    serviceKnowledgeBase: 'outdated',
    serviceEscalations: 'Anything about safety or injury goes to the team lead the same day.',
    teamGoals: isFinance ? 'Close the month in five working days and pay every supplier on time.' : 'Answer every e-mail within one working day, also during the winter sale.',
    teamMeasures: isFinance ? ['cycle-time', 'error-rate'] : ['response-time', 'customer-satisfaction'],
    workflowChanges: DEMO_MILESTONES.filter((m) => m.department === person.department).map((m) => ({
      workflow: m.workflow, change: 'The new tool drafts the first version; people check and approve it.', goLive: addDays(m.inDays), peopleAffected: isFinance ? 4 : 9,
    })),
    aiOutputApprover: isFinance ? 'manager' : 'peer-review',
    forbiddenData: isFinance ? ['payment-data', 'unpublished-financials'] : ['customer-personal-data', 'payment-data'],
    approvedTools: 'in-progress',
    confidenceJudgingAiWork: 3,
    teamConcernsObserved: isFinance ? 'Some worry that errors in AI drafts will be blamed on them.' : 'Several agents fear the help desk will replace them.',
    financeAuditEvidence: 'Every journal needs its workpaper and its approver recorded in the ERP.',
  };
}

/**
 * A complete intake for one demo person, answered against the bank they are actually given: only
 * the bank's questions are answered, and every value is one the bank offers, so the answers pass
 * the same checks as anyone's.
 */
export function demoAnswers(bank: ComposedBank, person: DemoPerson, addDays: (days: number) => string): Answers {
  const known = knownAnswers(person, addDays);
  const answers: Answers = {};
  for (const question of bank.pages.flatMap((page) => page.questions)) {
    // An optional question the sample says nothing about stays unanswered, as a real person would leave it.
    if (known[question.id] === undefined && !question.required) continue;
    answers[question.id] = question.type === 'taskList'
      ? rowsFor(question, known[question.id], addDays)
      : valueFor(question, known[question.id], addDays);
  }
  return answers;
}

function rowsFor(question: Question, known: unknown, addDays: (days: number) => string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = Array.isArray(known) && known.length > 0 ? known : Array.from({ length: question.minItems ?? 1 }, () => ({}));
  return rows.map((row) => Object.fromEntries((question.fields ?? [])
    .filter((field) => row[field.id] !== undefined || field.required)
    .map((field) => [field.id, valueFor(field, row[field.id], addDays)])));
}

function valueFor(question: Question, known: unknown, addDays: (days: number) => string): unknown {
  const offered = (question.options ?? []).map((o) => o.value);
  switch (question.type) {
    case 'single':
      return offered.includes(known as string) ? known : offered[0];
    case 'multi': {
      const chosen = Array.isArray(known) ? known.filter((v) => offered.includes(v as string)) : [];
      return chosen.length > 0 ? chosen : offered.slice(0, 1);
    }
    case 'scale':
    case 'number':
      return typeof known === 'number' ? known : (question.min ?? 1);
    case 'date':
      return typeof known === 'string' ? known : addDays(60);
    default:
      return typeof known === 'string' ? known : 'Nothing to add.';
  }
}
