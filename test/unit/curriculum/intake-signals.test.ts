import { expect } from 'chai';
import { concernMeans, type IntakeAnswers } from '../../../src/curriculum/domain/concern-means.ts';
import { managerGuidance, managersOf } from '../../../src/curriculum/domain/manager-guidance.ts';
import { findTaggedQuestions, type BankFileFacts } from '../../../src/curriculum/domain/tagged-questions.ts';
import { loadQuestionBanks } from '../../../src/intake/index.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';

/** A participant bank with two concern scales (one inverse) and a manager bank with the guardrail questions. */
const BANKS: BankFileFacts[] = [
  {
    id: 'participant',
    audience: 'participant',
    pages: [{
      questions: [
        { id: 'concernJobDisplacement', type: 'scale', tags: ['concern'] },
        { id: 'trustAiOutput', type: 'scale', tags: ['concern-inverse'] },
        { id: 'engineeringCodePolicy', type: 'single', tags: ['guardrail-forbidden-data'], options: [{ value: 'never', label: 'Never' }] },
        { id: 'moodToday', type: 'scale', tags: ['concern'] },
      ],
    }],
  },
  {
    id: 'manager',
    audience: 'manager',
    pages: [{
      questions: [
        {
          id: 'aiOutputApprover', type: 'single', tags: ['guardrail-approval'],
          options: [{ value: 'manager', label: 'I approve it' }, { value: 'depends', label: 'It depends' }, { value: 'legal-team', label: 'The legal team' }],
        },
        { id: 'approvalDetail', type: 'longText', tags: ['guardrail-approval'] },
        {
          id: 'forbiddenData', type: 'multi', tags: ['guardrail-forbidden-data'],
          options: [{ value: 'payment-data', label: 'Bank or card details' }, { value: 'other', label: 'Something else' }],
        },
        { id: 'forbiddenDataOther', type: 'text', tags: ['guardrail-forbidden-data'] },
      ],
    }],
  },
  { id: 'manager-finance', extends: 'manager', pages: [{ questions: [{ id: 'newUseSignOff', type: 'text', tags: ['guardrail-approval'] }] }] },
];

function intakes(entries: Array<[string, string, Record<string, unknown>]>): Map<string, IntakeAnswers> {
  return new Map(entries.map(([personId, status, answers]) => [personId, { personId, status, answers }]));
}

describe('concernMeans', () => {
  const tagged = findTaggedQuestions(BANKS);

  it('when members answered the concern scales, then each scale is their mean, drafts and non-members left out', () => {
    const answers = intakes([
      ['a', 'submitted', { concernJobDisplacement: 5, trustAiOutput: 2 }],
      ['b', 'confirmed', { concernJobDisplacement: 2 }],
      ['c', 'draft', { concernJobDisplacement: 1, trustAiOutput: 5 }],
      ['d', 'submitted', { concernJobDisplacement: 1 }],
    ]);

    const reading = concernMeans(['a', 'b', 'c'], answers, tagged);

    expect(reading.scores).to.deep.equal({ respondents: 2, jobDisplacement: 3.5, trustInOutput: 2 });
  });

  it('when a scale is tagged concern-inverse, then it is passed to the generator as inverted rather than flipped here', () => {
    const reading = concernMeans([], new Map(), tagged);

    expect(reading.invertedConcerns).to.deep.equal(['trustInOutput']);
  });

  it('when a concern question feeds none of the four scales, then it is reported, not silently counted', () => {
    const reading = concernMeans(['a'], intakes([['a', 'submitted', { moodToday: 5 }]]), tagged);

    expect(reading.unmappedQuestionIds).to.deep.equal(['moodToday']);
    expect(reading.scores).to.deep.equal({ respondents: 0 });
  });
});

describe('managerGuidance', () => {
  const tagged = findTaggedQuestions(BANKS);
  const roster = [
    { id: 'boss', email: 'Boss@Example.test' },
    { id: 'other-boss', email: 'other@example.test' },
    { id: 'p1', email: 'p1@example.test', managerEmail: 'boss@example.test' },
    { id: 'p2', email: 'p2@example.test', managerEmail: 'boss@example.test' },
    { id: 'p3', email: 'p3@example.test', managerEmail: 'nobody@example.test' },
  ];

  it('when members name a manager, then that manager is found once, whatever the case of the address', () => {
    expect(managersOf(['p1', 'p2', 'p3'], roster).map((p) => p.id)).to.deep.equal(['boss']);
  });

  it('when a manager answered, then choices read from the participant\'s side, free text stays as typed, "other" gives way to its text', () => {
    const answers = intakes([['boss', 'submitted', {
      aiOutputApprover: 'manager', approvalDetail: 'Contract wording: legal', forbiddenData: ['payment-data', 'other'], forbiddenDataOther: 'Supplier bank statements', newUseSignOff: 'the CFO',
    }]]);

    const guidance = managerGuidance([roster[0]], answers, tagged);

    expect(guidance).to.deep.equal([{
      approvals: ['your manager approves it', 'Contract wording: legal', 'a new use of AI is signed off by the CFO'],
      forbiddenData: ['bank or card details', 'Supplier bank statements'],
    }]);
  });

  it('when an answer is "it depends" or an unknown option, then "depends" adds nothing and the unknown one keeps its label', () => {
    const dependsOn = managerGuidance([roster[0]], intakes([['boss', 'submitted', { aiOutputApprover: 'depends' }]]), tagged);
    const legal = managerGuidance([roster[0]], intakes([['boss', 'submitted', { aiOutputApprover: 'legal-team' }]]), tagged);

    expect(dependsOn).to.deep.equal([]);
    expect(legal[0].approvals).to.deep.equal(['the legal team']);
  });

  it('when the manager\'s intake is a draft, or the tagged question is a participant\'s, then it gives no guidance', () => {
    const draft = managerGuidance([roster[0]], intakes([['boss', 'draft', { forbiddenData: ['payment-data'] }]]), tagged);
    const participantAnswer = managerGuidance([roster[0]], intakes([['boss', 'submitted', { engineeringCodePolicy: 'never' }]]), tagged);

    expect(draft).to.deep.equal([]);
    expect(participantAnswer).to.deep.equal([]);
  });
});

describe('findTaggedQuestions on the shipped question banks', () => {
  it('when the real banks are read, then the four concern scales and the managers\' guardrail questions are found by tag', () => {
    const config = loadConfig({});
    const banks = loadQuestionBanks(config.paths.questionBanks, new SchemaRegistry(config.paths.schemas));

    const tagged = findTaggedQuestions(banks.files);

    expect(tagged.concern.map((q) => q.id)).to.include.members(['concernJobDisplacement', 'complianceWorries']);
    expect(tagged.concernInverse.map((q) => q.id)).to.include.members(['comfortNewTechnology', 'trustAiOutput']);
    expect(tagged.approval.filter((q) => q.isManagerQuestion).map((q) => q.id)).to.include.members(['aiOutputApprover', 'approvalDetail', 'newUseSignOff', 'financeAuditEvidence']);
    expect(tagged.forbiddenData.filter((q) => q.isManagerQuestion).map((q) => q.id)).to.deep.equal(['forbiddenData', 'forbiddenDataOther']);
    expect(concernMeans([], new Map(), tagged).unmappedQuestionIds).to.deep.equal([]);
  });
});
