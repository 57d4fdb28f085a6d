import { expect } from 'chai';
import { createAjv } from '../../../src/platform/validation.ts';
import { conditionSchema } from '../../../src/intake/domain/answers-schema.ts';
import { isConditionMet } from '../../../src/intake/domain/visibility.ts';
import type { Answers, Condition } from '../../../src/intake/index.ts';

const conditions: Condition[] = [
  { question: 'use', equals: 'daily' },
  { question: 'use', in: ['daily', 'weekly'] },
  { question: 'tools', equals: 'chat' },
  { question: 'tools', in: ['code', 'image'] },
  { question: 'worry', equals: 4 },
  { question: 'use', answered: true },
  { question: 'use', answered: false },
  { all: [{ question: 'use', equals: 'daily' }, { question: 'worry', in: [4, 5] }] },
  { any: [{ question: 'use', equals: 'never' }, { question: 'tools', equals: 'chat' }] },
  { not: { question: 'tools', answered: true } },
];

const answerSets: Answers[] = [
  {},
  { use: 'daily' },
  { use: 'weekly', tools: ['code'] },
  { use: 'never', worry: 4 },
  { use: 'daily', worry: 5, tools: ['chat', 'image'] },
  { worry: 4, tools: ['image'] },
  { use: 'daily', worry: 4 },
];

describe('isConditionMet', () => {
  it('when "equals" meets a multiple-choice answer, then it means "was chosen"', () => {
    expect(isConditionMet({ question: 'tools', equals: 'chat' }, { tools: ['code', 'chat'] })).to.equal(true);
    expect(isConditionMet({ question: 'tools', equals: 'chat' }, { tools: ['code'] })).to.equal(false);
  });

  it('when all / any / not combine conditions, then they combine as in logic', () => {
    expect(isConditionMet({ all: [{ question: 'a', answered: true }, { question: 'b', equals: 1 }] }, { a: 'x', b: 1 })).to.equal(true);
    expect(isConditionMet({ any: [{ question: 'a', answered: true }, { question: 'b', equals: 1 }] }, { b: 2 })).to.equal(false);
    expect(isConditionMet({ not: { question: 'a', answered: true } }, {})).to.equal(true);
  });

  it('when each condition is compiled to JSON Schema for submission, then the schema agrees with the evaluator on every answer set', () => {
    const ajv = createAjv();

    for (const condition of conditions) {
      const validate = ajv.compile(conditionSchema(condition));
      for (const answers of answerSets) {
        expect(validate(answers), `${JSON.stringify(condition)} on ${JSON.stringify(answers)}`).to.equal(isConditionMet(condition, answers));
      }
    }
  });
});
