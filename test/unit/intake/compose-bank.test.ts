import { expect } from 'chai';
import { loadConfig } from '../../../src/platform/config.ts';
import { SchemaRegistry } from '../../../src/platform/validation.ts';
import { loadQuestionBanks, type ComposedBank } from '../../../src/intake/index.ts';

const config = loadConfig({});
const catalogue = loadQuestionBanks(config.paths.questionBanks, new SchemaRegistry(config.paths.schemas));

function questionIds(bank: ComposedBank): string[] {
  return bank.pages.flatMap((p) => p.questions.map((q) => q.id));
}

describe('composeBank (shipped banks)', () => {
  it('when a contributor outside any special department is served, then they get the participant bank alone, with the tasks list first-class', () => {
    const bank = catalogue.bankFor({ roleLevel: 'contributor', department: 'Logistics', isManager: false });

    expect(bank.parts).to.deep.equal([{ id: 'participant', version: 1 }]);
    const tasks = bank.pages.flatMap((p) => p.questions).find((q) => q.id === 'tasks')!;
    expect(tasks.type).to.equal('taskList');
    expect(tasks.fields!.map((f) => f.id)).to.include.members(['description', 'hoursPerWeek', 'frequency', 'painPoints', 'dataSensitivity', 'tools']);
  });

  it('when role levels differ, then contributors, managers and leaders get different questions', () => {
    const contributor = questionIds(catalogue.bankFor({ roleLevel: 'contributor', department: 'Logistics', isManager: false }));
    const manager = questionIds(catalogue.bankFor({ roleLevel: 'manager', department: 'Logistics', isManager: false }));
    const leader = questionIds(catalogue.bankFor({ roleLevel: 'leader', department: 'Logistics', isManager: false }));

    expect(contributor).to.include('reviewOfWork').and.not.include('aiOversight');
    expect(manager).to.include('aiOversight').and.not.include('reviewOfWork').and.not.include('aiAccountability');
    expect(leader).to.include.members(['aiOversight', 'aiAccountability', 'decisionsOwned']);
  });

  it('when the person is named as a manager, then the manager bank is merged in after the participant pages', () => {
    const bank = catalogue.bankFor({ roleLevel: 'manager', department: 'Logistics', isManager: true });

    expect(bank.parts.map((p) => p.id)).to.deep.equal(['participant', 'manager']);
    expect(questionIds(bank)).to.include.members(['teamGoals', 'workflowChanges', 'aiOutputApprover', 'forbiddenData']);
  });

  it('when the department has additions, then they are merged in, matched case-insensitively and with & read as and', () => {
    const bank = catalogue.bankFor({ roleLevel: 'manager', department: 'Finance & Accounting', isManager: true });

    expect(bank.parts.map((p) => p.id)).to.deep.equal(['participant', 'participant-finance', 'manager', 'manager-finance']);
    expect(questionIds(bank)).to.include.members(['financeControls', 'financeAuditEvidence']);
    expect(bank.pages.filter((p) => p.id === 'guardrails')).to.have.length(1);
  });

  it('when a bank is served, then no page or question carries the internal roleLevels marker', () => {
    const bank = catalogue.bankFor({ roleLevel: 'leader', department: 'HR', isManager: true });

    expect(JSON.stringify(bank)).to.not.contain('roleLevels');
  });

  it('when tags are looked up, then other components find concern and guardrail questions without knowing their ids', () => {
    expect(catalogue.questionIdsTagged('concern')).to.include.members(['concernJobDisplacement', 'complianceWorries']);
    expect(catalogue.questionIdsTagged('guardrail-forbidden-data')).to.include('forbiddenData');
  });
});
