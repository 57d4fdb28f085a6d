import { expect } from 'chai';
import { prepareRoster, type RosterEntry } from '../../../src/engagements/domain/roster-rules.ts';
import { tallyStages } from '../../../src/engagements/domain/engagement-status.ts';

function entry(overrides: Partial<RosterEntry> = {}): RosterEntry {
  return { name: 'Ana', email: 'ana@client.test', department: 'Finance', roleLevel: 'contributor', ...overrides };
}

describe('prepareRoster', () => {
  it('when emails and departments differ only in case, then emails are lowercased and the engagement spelling wins', () => {
    const { people, problems } = prepareRoster(['Finance', 'Customer Service'], [entry({ email: 'Ana@Client.TEST', department: 'customer  service', managerEmail: 'BO@client.test' })], (i) => ({ pointer: `/people/${i}` }));

    expect(problems).to.deep.equal([]);
    expect(people[0]).to.include({ email: 'ana@client.test', department: 'Customer Service', managerEmail: 'bo@client.test' });
  });

  it('when an upload repeats an email, names an unknown department or makes someone their own manager, then each problem says where', () => {
    const entries = [entry(), entry({ email: 'ANA@client.test' }), entry({ email: 'cy@client.test', department: 'Legal', managerEmail: 'cy@client.test' })];

    const { problems } = prepareRoster(['Finance'], entries, (i) => ({ pointer: `/people/${i}`, line: i + 2 }));

    expect(problems.map((p) => [p.pointer, p.line])).to.deep.equal([
      ['/people/1/email', 3],
      ['/people/2/department', 4],
      ['/people/2/managerEmail', 4],
    ]);
    expect(problems[0].message).to.equal('Line 3: This email appears twice in the upload (also line 2).');
  });
});

describe('tallyStages', () => {
  it('when people are at different stages, then counts are running totals per department and overall', () => {
    const status = tallyStages(['Finance', 'HR'], [
      { department: 'Finance', stage: 'confirmed' },
      { department: 'Finance', stage: 'started' },
      { department: 'HR', stage: 'invited' },
      { department: 'HR', stage: 'submitted' },
    ]);

    expect(status.totals).to.deep.equal({ invited: 4, started: 3, submitted: 2, confirmed: 1 });
    expect(status.departments).to.deep.equal([
      { department: 'Finance', invited: 2, started: 2, submitted: 1, confirmed: 1 },
      { department: 'HR', invited: 2, started: 1, submitted: 1, confirmed: 0 },
    ]);
  });
});
