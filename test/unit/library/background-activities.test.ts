import { expect } from 'chai';
import { backgroundActivities, createModuleCatalogue, defaultWordNetDir } from '../../../src/library/index.ts';
import { definitionOf } from '../../../src/library/background-activities.ts';
import { WordNetDictionary } from '../../../src/library/wordnet-dictionary.ts';
import { buildTrainingModule } from '../matching/build-training-module.ts';

describe('backgroundActivities', () => {
  const dictionary = new WordNetDictionary(defaultWordNetDir());

  it('when taken from WordNet, then each is a verb followed by its definition, without example sentences', () => {
    const activities = backgroundActivities(dictionary, 50);

    expect(activities).to.have.length(50);
    for (const activity of activities) {
      expect(activity).to.match(/^[a-z][a-z' -]* \S/);
      expect(activity).not.to.include('"');
    }
  });

  it('when taken twice, then the same activities come back in the same order, spread over the verb file', () => {
    const first = backgroundActivities(dictionary, 100);
    const second = backgroundActivities(dictionary, 100);

    expect(second).to.deep.equal(first);
    expect(new Set(first.map((activity) => activity.split(' ')[0])).size).to.be.above(80);
  });

  it('when a gloss has examples, then only the definition before them is kept', () => {
    expect(definitionOf('examine carefully for accuracy; "audit the books"; "the accounts were audited"')).to.equal('examine carefully for accuracy');
    expect(definitionOf('make a list of')).to.equal('make a list of');
  });
});

describe('ModuleCatalogue.match', () => {
  const invoices = buildTrainingModule({ id: 'invoices', title: 'Invoice checks', tasks: ['Match supplier invoices to purchase orders'] });
  const rotas = buildTrainingModule({ id: 'rotas', title: 'Staff rotas', tasks: ['Plan weekly staff rotas'] });
  const catalogue = createModuleCatalogue([invoices, rotas]);

  it('when the engagement leaves out the module that covers a task, then the task is a gap there and that module is not listed', () => {
    const task = { id: 't-1', text: 'Match supplier invoices to purchase orders' };

    const whole = catalogue.match(task, { top: 2 });
    const scoped = catalogue.match(task, { top: 2, moduleIds: new Set(['rotas']) });

    expect(whole.gap).to.equal(false);
    expect(whole.matches[0].moduleId).to.equal('invoices');
    expect(scoped.gap).to.equal(true);
    expect(scoped.matches.map((m) => m.moduleId)).to.deep.equal(['rotas']);
  });
});
