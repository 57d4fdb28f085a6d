import { expect } from 'chai';
import { summariseConcerns } from '../../../src/shortlist/domain/concern-scores.ts';

describe('summariseConcerns', () => {
  it('when people answered the concern scales, then means are given in the curriculum\'s terms, trust turned into doubt, drafts ignored', () => {
    const intakes = new Map([
      ['a', { personId: 'a', status: 'submitted', answers: { concernJobDisplacement: 4, comfortNewTechnology: 2, trustAiOutput: 5, complianceWorries: 3 } }],
      ['b', { personId: 'b', status: 'confirmed', answers: { concernJobDisplacement: 5, comfortNewTechnology: 3, trustAiOutput: 2, complianceWorries: 2 } }],
      ['c', { personId: 'c', status: 'draft', answers: { concernJobDisplacement: 1 } }],
    ]);

    const scores = summariseConcerns(['a', 'b', 'c', 'nobody'], intakes);

    expect(scores).to.deep.equal({ respondents: 2, jobDisplacement: 4.5, comfortWithTechnology: 2.5, trustInOutput: 2.5, compliance: 2.5 });
  });

  it('when nobody answered, then there are no respondents and no means', () => {
    expect(summariseConcerns(['a'], new Map())).to.deep.equal({ respondents: 0 });
  });
});
