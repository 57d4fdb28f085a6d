import { expect } from 'chai';
import { orderAndNameCohorts, slugify } from '../../../src/shortlist/domain/cohort-ids.ts';

describe('orderAndNameCohorts', () => {
  it('when cohorts are named, then they follow the engagement\'s departments and role levels, with readable ids', () => {
    const cohorts = orderAndNameCohorts(
      [
        { department: 'Human Resources', roleLevel: 'leader' as const },
        { department: 'Finance', roleLevel: 'manager' as const },
        { department: 'Human Resources', roleLevel: 'contributor' as const },
        { department: 'Finance', roleLevel: 'contributor' as const },
      ],
      ['Finance', 'Human Resources'],
    );

    expect(cohorts.map((c) => c.id)).to.deep.equal(['finance-contributor', 'finance-manager', 'human-resources-contributor', 'human-resources-leader']);
  });

  it('when two departments give the same slug, then the later one gets a counter, whichever cohorts exist', () => {
    const only = orderAndNameCohorts([{ department: 'R D', roleLevel: 'contributor' as const }], ['R&D', 'R D']);

    expect(only.map((c) => c.id)).to.deep.equal(['r-d-2-contributor']);
  });

  it('when a department has accents or symbols, then the slug keeps only lowercase ASCII words', () => {
    expect(slugify('Évents & PR / Comms')).to.equal('events-pr-comms');
    expect(slugify('***')).to.equal('');
  });
});
