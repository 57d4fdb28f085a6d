import { expect } from 'chai';
import { contentWords, leadingWords, stemWord, tokenizeText, toTerms } from '../../../src/matching/text.ts';

describe('matching text normalisation', () => {
  it('when a text has capitals, accents and stopwords, then only lowercase unaccented content words remain', () => {
    const text = 'The Résumé of our Café for the Manager';

    const words = contentWords(text);

    expect(words).to.deep.equal(['resume', 'cafe', 'manager']);
  });

  it('when words differ only by inflection, then they share one stem', () => {
    const forms = ['invoices', 'invoice', 'invoicing'];

    const stems = forms.map(stemWord);

    expect(new Set(stems).size).to.equal(1);
  });

  it('when a text holds numbers and single letters, then they are dropped', () => {
    const text = 'Prepare 12 reports for Q 3';

    const terms = toTerms(text);

    expect(terms).to.deep.equal([stemWord('prepare'), stemWord('reports')]);
  });

  it('when a task states a purpose after "to", then words before it are the head clause and the rest are not', () => {
    const text = 'Analyze credit data to determine risk';

    const tokens = tokenizeText(text);

    expect(tokens.map((t) => [t.word, t.clause])).to.deep.equal([
      ['analyze', 0], ['credit', 0], ['data', 0], ['determine', 1], ['risk', 1],
    ]);
  });

  it('when a task leads with a list of actions, then each of them is a leading word', () => {
    const text = 'Classify, record, and summarize financial data to compile records';

    const verbs = leadingWords(text);

    expect(verbs).to.deep.equal(['classify', 'record', 'summarize']);
  });

  it('when a task is written in the first person, then the pronoun is not taken for the action', () => {
    const text = 'I prepare the monthly invoices';

    const verbs = leadingWords(text);

    expect(verbs).to.deep.equal(['prepare']);
  });
});
