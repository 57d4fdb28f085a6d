import { expect } from 'chai';
import { checkReviewForm } from '../../../src/intake/entry-points/review-form.ts';

const added = (hoursPerWeek: string) => ({ tasks: [], added: [{ text: 'Chase late supplier invoices', hoursPerWeek, priority: 3, goLive: '' }] });

describe('checkReviewForm', () => {
  it('when an added task\'s hours are written with a decimal comma or dot, then they are read as that number', () => {
    for (const [typed, hours] of [['4,5', 4.5], ['4.5', 4.5], ['12', 12], [' 3 ', 3]] as const) {
      const { input, problems } = checkReviewForm(added(typed));

      expect(problems, typed).to.deep.equal([]);
      expect(input.addedTasks?.[0].hoursPerWeek, typed).to.equal(hours);
    }
  });

  it('when an added task\'s hours are not a plain number (hexadecimal, an exponent, two decimal marks), then the field gets a message instead of a number JavaScript would make of it', () => {
    for (const typed of ['0x10', '1e1', '1,5,5', 'Infinity', '-', '4 h']) {
      const { problems } = checkReviewForm(added(typed));

      expect(problems.map((p) => p.target), typed).to.deep.equal(['n-0-hoursPerWeek']);
    }
  });
});
