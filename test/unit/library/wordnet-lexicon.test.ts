import { expect } from 'chai';
import { createWordNetLexicon } from '../../../src/library/index.ts';
import { baseForms } from '../../../src/library/related-words.ts';

describe('WordNet lexicon', () => {
  const lexicon = createWordNetLexicon();
  const related = (word: string, relation: string) =>
    lexicon.relatedWords(word).filter((r) => r.relation === relation).map((r) => r.word);

  it('when asked about an inflected noun, then its synonyms come from its most frequent sense', () => {
    const synonyms = related('invoices', 'synonym');

    expect(synonyms).to.include.members(['invoice', 'bill']);
  });

  it('when asked about a verb, then synonyms and derived forms are returned', () => {
    const synonyms = related('compute', 'synonym');
    const derived = related('compute', 'derived');

    expect(synonyms).to.include('calculate');
    expect(derived).to.include('computation');
  });

  it('when asked about a specific word, then broader terms up to two levels come back with their depth', () => {
    const broader = lexicon.relatedWords('employee').filter((r) => r.relation === 'broader');

    expect(broader.find((r) => r.word === 'worker')?.depth).to.equal(1);
    expect(broader.find((r) => r.word === 'person')?.depth).to.equal(2);
  });

  it('when asked about a word WordNet does not know, then nothing is returned', () => {
    const words = lexicon.relatedWords('xyzzyplugh');

    expect(words).to.deep.equal([]);
  });

  it('when asked the same word twice, then the answers are identical', () => {
    const first = lexicon.relatedWords('reconcile');

    const second = lexicon.relatedWords('reconcile');

    expect(second).to.deep.equal(first);
  });

  it('when an inflected form is detached, then the base forms of each part of speech are candidates', () => {
    const nounForms = baseForms('boxes', 'noun');
    const verbForms = baseForms('filed', 'verb');

    expect(nounForms).to.include('box');
    expect(verbForms).to.include('file');
  });
});
