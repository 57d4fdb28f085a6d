import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  decodeWordVectors, encodeWordVectors, loadWordVectors, readWordVectorCache, writeWordVectorCache,
} from '../../../src/library/index.ts';
import { readGloveEntries } from '../../../src/library/glove-vectors.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const entries = [
  { word: 'the', vector: [0.1, -0.2, 0.3] },
  { word: 'payments', vector: [0.9, 0.1, -0.4] },
  { word: 'pay', vector: [0.8, 0.2, -0.3] },
  { word: 'payment', vector: [0.85, 0.05, -0.5] },
  { word: 'zebra', vector: [-0.7, 0.6, 0.2] },
];

describe('word-vector cache', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-vectors-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when entries are encoded and decoded, then every word is found with its frequency rank and its direction', () => {
    const vectors = decodeWordVectors(encodeWordVectors(entries));

    expect(vectors.dimensions).to.equal(3);
    entries.forEach((entry, rank) => {
      expect(vectors.frequencyRank(entry.word)).to.equal(rank);
      const original = Float32Array.from(entry.vector);
      const norm = Math.hypot(...original);
      expect(cosine(vectors.vectorOf(entry.word)!, original.map((x) => x / norm))).to.be.above(0.999);
    });
  });

  it('when a word is not in the cache, including prefixes of cached words, then it is unknown', () => {
    const vectors = decodeWordVectors(encodeWordVectors(entries));

    for (const word of ['pa', 'paym', 'payments2', 'a', 'zzz']) {
      expect(vectors.vectorOf(word), word).to.equal(undefined);
      expect(vectors.frequencyRank(word), word).to.equal(undefined);
    }
  });

  it('when the buffer is not a cache or is cut short, then decoding throws', () => {
    const buffer = encodeWordVectors(entries);

    expect(() => decodeWordVectors(Buffer.from('not a cache at all, sorry'))).to.throw(/bad header/);
    expect(() => decodeWordVectors(buffer.subarray(0, buffer.length - 1))).to.throw(/truncated/);
  });

  it('when a word is listed twice, then encoding refuses it', () => {
    expect(() => encodeWordVectors([...entries, { word: 'pay', vector: [0, 0, 1] }])).to.throw(/twice/);
  });

  it('when the cache is written to a file, then reading it back gives the same vectors and leaves no temporary file', () => {
    const file = path.join(dir, 'nested', 'vectors.bin');

    writeWordVectorCache(file, entries);
    const vectors = readWordVectorCache(file);

    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['vectors.bin']);
    expect(vectors.frequencyRank('zebra')).to.equal(4);
  });
});

describe('readGloveEntries', () => {
  it('when reading the package layout, then only plain lowercase words are kept, most frequent first, without norm and index', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tailor-glove-')), 'vectors.json');
    const json = {
      precision: 8, l2NormIndex: 2, wordIndex: 3, size: 5, dimensions: 2,
      words: ['the', ',', 'U.S.', 'pay', 'co-op', 'payroll'],
      vectors: { the: [1, 0, 1, 0], ',': [0, 1, 1, 1], 'U.S.': [1, 1, 1.4, 2], pay: [0.5, 0.5, 0.7, 3], 'co-op': [1, 2, 2.2, 4], payroll: [0.4, 0.6, 0.7, 5] },
    };
    fs.writeFileSync(file, JSON.stringify(json));

    const all = readGloveEntries(file, 10);
    const two = readGloveEntries(file, 2);

    expect(all).to.deep.equal([{ word: 'the', vector: [1, 0] }, { word: 'pay', vector: [0.5, 0.5] }, { word: 'payroll', vector: [0.4, 0.6] }]);
    expect(two.map((entry) => entry.word)).to.deep.equal(['the', 'pay']);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('loadWordVectors', () => {
  it('when the vectors package is installed, then the shipped GloVe vectors relate words of similar use', () => {
    const { vectors, source } = loadWordVectors();

    expect(source).to.be.oneOf(['cache', 'built']);
    expect(vectors.dimensions).to.equal(100);
    expect(cosine(vectors.vectorOf('salary')!, vectors.vectorOf('compensation')!)).to.be.above(0.5);
    expect(cosine(vectors.vectorOf('salary')!, vectors.vectorOf('volcano')!)).to.be.below(0.2);
  });
});
