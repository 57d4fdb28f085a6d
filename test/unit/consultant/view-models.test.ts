import { expect } from 'chai';
import { checkEngagementForm, emptyEngagementForm, fieldForPointer, readEngagementForm } from '../../../src/consultant/domain/engagement-form.ts';
import { hoursAWeek, shadeOf } from '../../../src/consultant/domain/coverage-matrix.ts';
import { versionRows } from '../../../src/consultant/domain/calendar-model.ts';
import { pageRoster } from '../../../src/consultant/domain/roster-page.ts';
import { statusTable } from '../../../src/consultant/domain/status-table.ts';

describe('consultant page models', () => {
  describe('shadeOf', () => {
    it('when demands are spread up to the highest, then they fall into five equal steps, the highest darkest and none lighter than the first', () => {
      const shades = [0, 1, 20, 20.01, 40, 60, 79.9, 80, 100].map((demand) => shadeOf(demand, 100));

      expect(shades).to.deep.equal([1, 1, 1, 2, 2, 3, 4, 4, 5]);
    });
  });

  describe('statusTable', () => {
    it('when a department has people at each stage, then each bar is the share of its invited people and the sentence says the counts', () => {
      const table = statusTable({
        engagementId: 'e',
        totals: { invited: 4, started: 3, submitted: 2, confirmed: 1 },
        departments: [{ department: 'Finance', invited: 4, started: 3, submitted: 2, confirmed: 1 }, { department: 'Legal', invited: 0, started: 0, submitted: 0, confirmed: 0 }],
      });

      expect(table.rows[0].cells.map((c) => c.percent)).to.deep.equal([100, 75, 50, 25]);
      expect(table.rows[0].summary).to.equal('Finance: 4 invited, 3 started, 2 submitted, 1 confirmed by their manager.');
      expect(table.rows[1].cells.map((c) => c.percent)).to.deep.equal([0, 0, 0, 0]);
      expect(table.rows[1].summary).to.equal('Legal: nobody invited yet.');
    });
  });

  describe('the new-engagement form', () => {
    it('when rows are left blank between filled ones, then the input skips them and a rule\'s pointer maps back to the row on the form', () => {
      const values = readEngagementForm({
        name: ' Readiness ', client: 'Northwind', departments: 'Finance\n\n Operations \n', timeZone: 'Europe/Berlin', library: 'all',
        'milestones.0.department': '', 'milestones.0.workflow': '', 'milestones.0.goLive': '',
        'milestones.1.department': 'Ops', 'milestones.1.workflow': 'Stock counts', 'milestones.1.goLive': '2027-01-04',
      });

      const { input, problems } = checkEngagementForm(values, new Set());

      expect(problems).to.deep.equal([]);
      expect(input).to.deep.equal({ name: 'Readiness', client: 'Northwind', departments: ['Finance', 'Operations'], timeZone: 'Europe/Berlin', milestones: [{ department: 'Ops', workflow: 'Stock counts', goLive: '2027-01-04' }] });
      expect(fieldForPointer('/milestones/0/department', values)).to.equal('milestone-1-department');
      expect(fieldForPointer('/departments/1', values)).to.equal('departments');
    });

    it('when more than fifteen training modules are chosen, or ids the library lacks, then only known ids count and the limit is said', () => {
      const library = new Set(Array.from({ length: 16 }, (_v, i) => `module-${i}`));
      const values = { ...emptyEngagementForm(''), name: 'A', client: 'B', departments: 'Finance', library: 'chosen' as const, moduleIds: [...library, 'not-in-library'] };

      const { problems } = checkEngagementForm(values, library);

      expect(problems).to.deep.equal([{ field: 'module-choice', message: 'Choose at most 15 training modules (you chose 16).' }]);
    });
  });
});

describe('hoursAWeek', () => {
  it('when the hours are one, then the word is singular; otherwise plural, with one decimal at most', () => {
    expect([1, 2, 0, 2.5, 1.04].map(hoursAWeek)).to.deep.equal(['1 hour a week', '2 hours a week', '0 hours a week', '2.5 hours a week', '1.0 hours a week']);
  });
});

describe('versionRows', () => {
  it('when a version was published late in the evening UTC, then its day is the day in the engagement\'s time zone, as the plan\'s dates are', () => {
    const published = { version: 2, status: 'published' as const, shortlistVersion: 1, generatedOn: '2026-11-25', generatedAt: '2026-11-25T23:00:00.000Z', publishedAt: '2026-11-25T23:30:00.000Z', cohortCount: 1, sessionCount: 3, warningCount: 0 };

    expect(versionRows([published], 2, 'Europe/Berlin')[0].status).to.equal('Published 2026-11-26');
    expect(versionRows([published], 2, 'America/New_York')[0].status).to.equal('Published 2026-11-25');
  });
});

describe('pageRoster', () => {
  const roster = ['Zoë Ørsted', 'Æsa Dąbrowski', 'Łukasz Strauß', 'Ola Nordmann'].map((name, i) => ({ name, email: `p${i}@northwind.test`, department: 'Finance', stage: 'invited' }));
  const namesFor = (text: string) => pageRoster(roster, { text, department: '', stage: '', page: 1 }).people.map((p) => p.name);

  it('when words are typed without accents or with plain letters for Ø, Æ, Ł or ß, then the names written with them are found', () => {
    expect(namesFor('zoe orsted')).to.deep.equal(['Zoë Ørsted']);
    expect(namesFor('aesa dabrowski')).to.deep.equal(['Æsa Dąbrowski']);
    expect(namesFor('lukasz strauss')).to.deep.equal(['Łukasz Strauß']);
    expect(namesFor('ØRSTED')).to.deep.equal(['Zoë Ørsted']);
  });
});
