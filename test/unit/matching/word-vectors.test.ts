import { expect } from 'chai';
import { NO_WORD_VECTORS, unitVector, wordVectorsFromMap } from '../../../src/matching/index.ts';
import { frequencyWeight } from '../../../src/matching/word-vectors.ts';

describe('wordVectorsFromMap', () => {
  it('when a word is known, then its vector comes back at unit length and its rank is its insertion order', () => {
    const vectors = wordVectorsFromMap(new Map([['the', [1, 0]], ['invoice', [3, 4]]]));

    const invoice = vectors.vectorOf('invoice')!;

    expect(vectors.dimensions).to.equal(2);
    expect([...invoice].map((x) => Number(x.toFixed(6)))).to.deep.equal([0.6, 0.8]);
    expect(vectors.frequencyRank('the')).to.equal(0);
    expect(vectors.frequencyRank('invoice')).to.equal(1);
  });

  it('when a word is unknown, then neither a vector nor a rank is returned', () => {
    const vectors = wordVectorsFromMap(new Map([['the', [1, 0]]]));

    expect(vectors.vectorOf('zebra')).to.equal(undefined);
    expect(vectors.frequencyRank('zebra')).to.equal(undefined);
    expect(NO_WORD_VECTORS.vectorOf('the')).to.equal(undefined);
  });
});

describe('unitVector', () => {
  it('when the vector is zero, then there is no direction to return', () => {
    expect(unitVector(new Float32Array([0, 0, 0]))).to.equal(undefined);
  });
});

describe('frequencyWeight', () => {
  it('when a word is among the most frequent, then it weighs far less than a rare one, and an unknown word weighs 1', () => {
    const frequent = frequencyWeight(0, 1e-4);
    const rare = frequencyWeight(100_000, 1e-4);

    expect(frequent).to.be.below(0.05);
    expect(rare).to.be.above(0.95);
    expect(frequencyWeight(undefined, 1e-4)).to.equal(1);
  });
});
