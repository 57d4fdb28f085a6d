import { expect } from 'chai';
import { buildModuleIndex, matchTask, rankModulesForTask, withSettings } from '../../../src/matching/index.ts';
import { calibrateAgainstBackground, calibratedBestScore, calibrateScores } from '../../../src/matching/gap-calibration.ts';
import { buildTrainingModule } from './build-training-module.ts';

const settings = { standardScore: 2, anchorScore: 0.4, genericPenalty: 0 };

describe('calibrateAgainstBackground', () => {
  it('when background activities are scored, then each module gets the mean and spread of its scores', () => {
    const activities = Array.from({ length: 40 }, (_, i) => `activity ${i}`);
    const scoresOf = (activity: string) => Float64Array.of(Number(activity.split(' ')[1]) % 2 === 0 ? 0.1 : 0.3, 0.2);

    const calibration = calibrateAgainstBackground(2, activities, scoresOf)!;

    expect(calibration.means[0]).to.be.closeTo(0.2, 1e-9);
    expect(calibration.spreads[0]).to.be.closeTo(0.1, 1e-9);
    expect(calibration.means[1]).to.be.closeTo(0.2, 1e-9);
    expect(calibration.sampleSize).to.equal(40);
  });

  it('when a module scores the same against every activity, then its spread is floored at half the library mean', () => {
    const activities = Array.from({ length: 40 }, (_, i) => `activity ${i}`);
    const scoresOf = (activity: string) => Float64Array.of(Number(activity.split(' ')[1]) % 2 === 0 ? 0.1 : 0.3, 0.2);

    const calibration = calibrateAgainstBackground(2, activities, scoresOf)!;

    expect(calibration.scale).to.be.closeTo(0.05, 1e-9);
    expect(calibration.spreads[1]).to.be.closeTo(0.025, 1e-9);
  });

  it('when there are too few activities to estimate a spread, then there is no calibration', () => {
    const calibration = calibrateAgainstBackground(2, ['one', 'two'], () => Float64Array.of(0.1, 0.2));

    expect(calibration).to.equal(undefined);
  });
});

describe('calibrateScores', () => {
  const calibration = { means: Float64Array.of(0.2, 0.5), spreads: Float64Array.of(0.1, 0.1), scale: 0.1, libraryMean: 0.35, sampleSize: 100 };
  const calibrated = (scores: number[], candidates = [0, 1], penalty = 0) => {
    const result = Float64Array.from(scores);
    calibrateScores(calibration, { ...settings, genericPenalty: penalty }, result, candidates);
    return result;
  };

  it('when the most distinctive module stands exactly the standard score above its mean, then the best score lands on the anchor', () => {
    const scores = calibrated([0.4, 0.6]);

    expect(scores[1]).to.be.closeTo(0.4, 1e-9);
    expect(scores[0]).to.be.closeTo(0.4 * (0.4 / 0.6), 1e-9);
  });

  it('when a module attracts every activity, then the same raw score is less convincing than for a specific module', () => {
    const specific = calibrated([0.6, 0]);
    const generic = calibrated([0, 0.6]);

    expect(specific[0]).to.be.above(0.4);
    expect(generic[1]).to.be.below(0.4);
  });

  it('when only some modules are candidates, then the others are neither read nor changed', () => {
    const all = calibrated([0.3, 0.9]);
    const first = calibrated([0.3, 0.9], [0]);

    expect(all[1]).to.be.above(0.4);
    expect(first[0]).to.be.below(0.4);
    expect(first[1]).to.equal(0.9);
  });

  it('when a generic penalty is set, then a module with a higher background mean loses that share of its excess before ranking', () => {
    const scores = calibrated([0.5, 0.52], [0, 1], 0.5);

    expect(scores[0]).to.be.above(scores[1]);
  });
});

describe('calibratedBestScore', () => {
  it('when the excess is positive, then the score rises one library spread per standard score, up to 1', () => {
    expect(calibratedBestScore(1, 0.4, 0.1)).to.be.closeTo(0.5, 1e-9);
    expect(calibratedBestScore(100, 0.4, 0.1)).to.equal(1);
  });

  it('when the excess is negative, then the score falls below the anchor but stays positive and ordered', () => {
    const slight = calibratedBestScore(-1, 0.4, 0.1);
    const far = calibratedBestScore(-50, 0.4, 0.1);

    expect(slight).to.be.below(0.4);
    expect(far).to.be.above(0).and.below(slight);
  });
});

describe('rankModulesForTask with background activities', () => {
  const invoices = buildTrainingModule({ id: 'invoices', title: 'Invoice checks', tasks: ['Match invoices to purchase orders', 'Check supplier invoices'] });
  const answers = buildTrainingModule({ id: 'answers', title: 'Answer questions', tasks: ['Answer questions from people', 'Give information to people'] });
  const rotas = buildTrainingModule({ id: 'rotas', title: 'Staff rotas', tasks: ['Plan weekly staff rotas'] });
  const library = [invoices, answers, rotas];
  const background = [
    'answer questions about the weather', 'give information to visitors', 'ask people for directions', 'tell people a story',
    'cook dinner for the family', 'walk the dog in the park', 'paint the fence', 'sing a song', 'read a book to children',
    'drive a car to work', 'give people advice', 'answer the phone', 'write a letter to a friend', 'plant trees in the garden',
    'clean the kitchen', 'play football with friends', 'answer letters from people', 'fix a bicycle', 'build a shed', 'feed the cat',
    'give a speech to people', 'open the window', 'count the money', 'carry boxes upstairs', 'teach people to swim',
    'watch a film', 'buy groceries', 'wash the dishes', 'climb a hill', 'visit a museum', 'answer questions in class', 'call people on the phone',
  ];

  it('when scores are calibrated without a generic penalty, then every task ranks its modules in the same order as without calibration', () => {
    const raw = buildModuleIndex(library);
    const calibrated = buildModuleIndex(library, { backgroundActivities: background, settings: withSettings({ background: { genericPenalty: 0 } }) });

    for (const task of ['answer questions from suppliers about invoices', 'plan rotas', 'give information on purchase orders']) {
      const order = (index: typeof raw) => rankModulesForTask(index, task, { limit: 3 }).map((m) => m.moduleId);
      expect(order(calibrated)).to.deep.equal(order(raw));
    }
  });

  it('when the index is calibrated, then it keeps each module\'s mean and spread over the background', () => {
    const index = buildModuleIndex(library, { backgroundActivities: background });

    const answersMean = index.calibration!.means[index.positionById.get('answers')!];
    const rotasMean = index.calibration!.means[index.positionById.get('rotas')!];

    expect(index.calibration!.sampleSize).to.equal(background.length);
    expect(answersMean).to.be.above(rotasMean);
  });

  it('when moduleIds are given, then only those modules are ranked and the gap is decided among them', () => {
    const index = buildModuleIndex(library, { backgroundActivities: background, settings: withSettings({ background: { standardScore: 2 } }) });

    const whole = matchTask(index, { text: 'Match supplier invoices to purchase orders' }, { limit: 3 });
    const scoped = matchTask(index, { text: 'Match supplier invoices to purchase orders' }, { limit: 3, moduleIds: new Set(['answers', 'rotas']) });

    expect(whole.matches[0].moduleId).to.equal('invoices');
    expect(whole.gap).to.equal(false);
    expect(scoped.matches.map((m) => m.moduleId)).to.have.members(['answers', 'rotas']);
    expect(scoped.gap).to.equal(true);
  });

  it('when moduleIds name no module of the library, then nothing is ranked and the task is a gap', () => {
    const index = buildModuleIndex(library, { backgroundActivities: background });

    const result = matchTask(index, { text: 'Plan weekly staff rotas' }, { moduleIds: new Set(['not-in-library']) });

    expect(result.matches).to.deep.equal([]);
    expect(result.gap).to.equal(true);
  });
});
